package dev.sluice.destination.bigquery;

import com.google.api.gax.retrying.RetrySettings;
import com.google.auth.Credentials;
import com.google.cloud.RetryOption;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryOptions;
import com.google.cloud.http.HttpTransportOptions;
import java.time.Duration;

/**
 * Where and how the BigQuery client talks: Google's API host (or, in tests, a contract server), the
 * client's own retries of single calls, and how jobs are polled until done.
 *
 * @param host          the REST root, e.g. {@code http://localhost:8089}; null for Google's
 * @param callRetries   retries of single calls (5xx, rate limits); null for the client's defaults
 * @param firstPoll     the first pause between polls of a running job (doubling up to 30 s)
 * @param jobTimeout    how long a load or merge job may run before the attempt fails (to be retried)
 */
record BigQueryService(String host, RetrySettings callRetries, Duration firstPoll, Duration jobTimeout) {

    static final int CONNECT_TIMEOUT_MILLIS = 20_000;
    static final int READ_TIMEOUT_MILLIS = 120_000;

    static BigQueryService google() {
        return new BigQueryService(null, null, Duration.ofSeconds(1), Duration.ofHours(6));
    }

    BigQuery open(BigQueryConfig config, Credentials credentials) {
        BigQueryOptions.Builder options = BigQueryOptions.newBuilder()
                .setProjectId(config.projectId())
                .setCredentials(credentials)
                .setTransportOptions(HttpTransportOptions.newBuilder()
                        .setConnectTimeout(CONNECT_TIMEOUT_MILLIS).setReadTimeout(READ_TIMEOUT_MILLIS).build());
        if (host != null) {
            options.setHost(host);
        }
        if (callRetries != null) {
            options.setRetrySettings(callRetries);
        }
        return options.build().getService();
    }

    RetryOption[] jobPolling() {
        return new RetryOption[] {
            RetryOption.initialRetryDelayDuration(firstPoll),
            RetryOption.retryDelayMultiplier(2.0),
            RetryOption.maxRetryDelayDuration(Duration.ofSeconds(30)),
            RetryOption.totalTimeoutDuration(jobTimeout)
        };
    }
}
