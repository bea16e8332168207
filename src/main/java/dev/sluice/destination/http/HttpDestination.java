package dev.sluice.destination.http;

import dev.sluice.destination.ConnectionStep;
import dev.sluice.destination.Destination;
import dev.sluice.destination.DestinationRequest;
import dev.sluice.destination.DestinationType;
import dev.sluice.destination.DestinationUserException;
import dev.sluice.destination.ExportCheckpoint;
import dev.sluice.destination.ExportOutcome;
import dev.sluice.destination.ProgressListener;
import dev.sluice.source.ExportModel;
import dev.sluice.source.RecordBatchStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.springframework.stereotype.Component;

/**
 * Posts events to a PostHog-compatible {@code /batch} endpoint (PostHog's capture API, or another
 * Sluice's), events model only. Events carry their {@code uuid}, so a receiver that deduplicates
 * by uuid — as Sluice's capture does — holds each event once however often a batch is re-sent.
 *
 * <p><b>Batching.</b> A POST holds at most 5000 events or about 10 MB; the events of each source
 * batch are all sent before the next is read. <b>Retries.</b> 429, 5xx and network errors are
 * retried in-process with exponential backoff a few times, then the attempt fails as retryable;
 * any other status is a {@link DestinationUserException} naming it. <b>Resuming.</b> After each
 * source batch is acknowledged, a checkpoint with its cursor is committed, so a retried attempt
 * continues after it; records and bytes in the outcome are totals for the interval.
 */
@Component
public class HttpDestination implements Destination {

    static final String CHECK_URL = "Check the URL";
    static final String REACH = "Send an empty batch";
    private static final List<String> STEP_NAMES = List.of(CHECK_URL, REACH);

    private final HttpDelivery delivery;
    private final HttpClient client;

    public HttpDestination() {
        this(HttpDelivery.DEFAULT);
    }

    HttpDestination(HttpDelivery delivery) {
        this.delivery = delivery;
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public DestinationType type() {
        return DestinationType.HTTP;
    }

    @Override
    public ExportOutcome write(DestinationRequest request, RecordBatchStream rows, ProgressListener progress) {
        if (request.model() == ExportModel.PERSONS) {
            throw new DestinationUserException("The HTTP destination exports events only; choose the events model or another destination.");
        }
        HttpConfig config = HttpConfig.parse(request.config());
        ExportCheckpoint from = request.resumeFrom() == null ? ExportCheckpoint.start() : request.resumeFrom();
        long records = from.cursor() == null ? 0 : from.records();
        long bytes = from.cursor() == null ? 0 : from.bytes();
        int posts = from.cursor() == null ? 0 : from.filesCompleted();
        BatchPayload payload = new BatchPayload(rows.schema(), config.token());
        while (rows.next()) {
            VectorSchemaRoot batch = rows.root();
            if (batch.getRowCount() == 0) {
                continue;
            }
            for (int row = 0; row < batch.getRowCount(); row++) {
                byte[] event = payload.encode(batch, row);
                if (payload.count() > 0 && payload.bytes() + event.length > delivery.maxBytes()) {
                    bytes += post(config, payload);
                    records += payload.count();
                    posts++;
                    payload.clear();
                }
                payload.add(event);
                if (payload.count() >= delivery.maxEvents()) {
                    bytes += post(config, payload);
                    records += payload.count();
                    posts++;
                    payload.clear();
                }
            }
            if (payload.count() > 0) {
                bytes += post(config, payload);
                records += payload.count();
                posts++;
                payload.clear();
            }
            progress.committed(new ExportCheckpoint(rows.cursor(), posts, records, bytes, Map.of()));
        }
        return new ExportOutcome(records, bytes);
    }

    /** Posts the payload until it is acknowledged; returns the bytes sent. */
    private long post(HttpConfig config, BatchPayload payload) {
        byte[] body = payload.body();
        String last = null;
        for (int attempt = 1; attempt <= delivery.attempts(); attempt++) {
            Duration retryAfter = null;
            try {
                HttpResponse<String> response = client.send(request(config, body), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return body.length;
                }
                if (status != 429 && status < 500) {
                    throw new DestinationUserException("The HTTP endpoint " + config.shownUrl() + " refused a batch of " + payload.count()
                            + " events with status " + status + describe(status) + ": " + snippet(response.body(), config) + ".");
                }
                last = "answered with status " + status;
                retryAfter = response.headers().firstValue("Retry-After").flatMap(HttpDestination::seconds).orElse(null);
            } catch (IOException e) {
                last = "could not be reached (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Sending a batch to " + config.shownUrl() + " was interrupted.", e);
            }
            if (attempt < delivery.attempts()) {
                sleep(delivery.backoffBefore(attempt, retryAfter));
            }
        }
        throw new IllegalStateException("The HTTP endpoint " + config.shownUrl() + " " + last + " on each of " + delivery.attempts()
                + " tries; the export will be retried.");
    }

    private HttpRequest request(HttpConfig config, byte[] body) {
        return HttpRequest.newBuilder(config.url()).timeout(delivery.requestTimeout())
                .header("Content-Type", "application/json").header("User-Agent", "Sluice")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private static Optional<Duration> seconds(String value) {
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim()))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String describe(int status) {
        return switch (status) {
            case 401, 403 -> " (is the token the receiving project's api key?)";
            case 404 -> " (is the url the endpoint's /batch path?)";
            case 413 -> " (the batch is larger than the endpoint accepts)";
            default -> "";
        };
    }

    private static String snippet(String body, HttpConfig config) {
        String text = body == null ? "" : body.replace(config.token(), "***").replaceAll("\\s+", " ").trim();
        if (text.isEmpty()) {
            return "no details";
        }
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to retry a batch.", e);
        }
    }

    /**
     * Checks the URL, then posts a batch without events: an endpoint that accepts the token answers
     * 2xx or 400 (Sluice and PostHog refuse an empty batch only after checking the key), one that
     * rejects it 401 or 403. Nothing is stored.
     */
    @Override
    public List<ConnectionStep> testConnection(Map<String, Object> raw) {
        List<ConnectionStep> steps = new ArrayList<>();
        HttpConfig config;
        try {
            config = HttpConfig.parse(raw);
        } catch (DestinationUserException e) {
            return failedFrom(steps, e.getMessage());
        }
        steps.add(new ConnectionStep(CHECK_URL, true, "Events will be posted to " + config.shownUrl() + "."));
        byte[] probe = ("{\"api_key\": " + quoted(config.token()) + ", \"batch\": []}").getBytes(StandardCharsets.UTF_8);
        try {
            HttpResponse<String> response = client.send(request(config, probe), HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if ((status >= 200 && status < 300) || status == 400) {
                steps.add(new ConnectionStep(REACH, true, "The endpoint answered " + status + " and accepted the token."));
            } else {
                steps.add(new ConnectionStep(REACH, false, "The endpoint answered with status " + status + describe(status) + ": "
                        + snippet(response.body(), config) + "."));
            }
        } catch (IOException e) {
            steps.add(new ConnectionStep(REACH, false, "Could not reach " + config.shownUrl() + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()) + "."));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            steps.add(new ConnectionStep(REACH, false, "The test was interrupted."));
        }
        return steps;
    }

    private static String quoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static List<ConnectionStep> failedFrom(List<ConnectionStep> steps, String message) {
        steps.add(new ConnectionStep(STEP_NAMES.get(steps.size()), false, message));
        while (steps.size() < STEP_NAMES.size()) {
            steps.add(new ConnectionStep(STEP_NAMES.get(steps.size()), false, "Not run because an earlier step failed."));
        }
        return steps;
    }
}
