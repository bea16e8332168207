package dev.sluice.destination.http;

import java.time.Duration;

/**
 * How the HTTP destination batches and retries: a POST holds at most {@code maxEvents} events and
 * about {@code maxBytes} of JSON; a 429, a 5xx or a network error is retried in-process up to
 * {@code attempts} times in all, waiting {@code backoff}, then twice that, and so on (or the
 * {@code Retry-After} seconds, at most {@code maxBackoff}).
 */
record HttpDelivery(int maxEvents, long maxBytes, int attempts, Duration backoff, Duration maxBackoff, Duration requestTimeout) {

    static final HttpDelivery DEFAULT = new HttpDelivery(5_000, 10L * 1024 * 1024, 4, Duration.ofSeconds(1), Duration.ofSeconds(30),
            Duration.ofSeconds(60));

    Duration backoffBefore(int retry, Duration retryAfter) {
        Duration wait = retryAfter != null ? retryAfter : backoff.multipliedBy(1L << Math.min(20, retry - 1));
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
