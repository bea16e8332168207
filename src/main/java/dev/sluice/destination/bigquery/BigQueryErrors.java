package dev.sluice.destination.bigquery;

import com.google.api.client.http.HttpResponseException;
import com.google.auth.Retryable;
import com.google.cloud.bigquery.BigQueryError;
import com.google.cloud.bigquery.BigQueryException;
import dev.sluice.destination.DestinationUserException;
import java.util.Set;

/**
 * Sorts BigQuery failures into those the user must fix — refused credentials, a missing dataset or
 * table, a missing permission, an invalid statement or rows the table cannot take — reported as
 * {@link DestinationUserException} and never retried, and the rest (5xx, {@code backendError},
 * {@code rateLimitExceeded}, quota, timeouts, concurrent updates of the table, lost connections),
 * which propagate to be retried. Messages name the config's objects, carry BigQuery's own words with
 * the key scrubbed, and keep no cause (a library's exception could hold request details).
 */
final class BigQueryErrors {

    private static final Set<String> RETRYABLE_REASONS = Set.of("backendError", "internalError", "jobBackendError",
            "jobInternalError", "rateLimitExceeded", "quotaExceeded", "timeout", "stopped", "tableUnavailable");

    private BigQueryErrors() {
    }

    /** A failure of a call to BigQuery (or of fetching its access token). */
    static RuntimeException translate(RuntimeException e, BigQueryConfig config) {
        if (e instanceof DestinationUserException || e instanceof BigQueryRetryableException) {
            return e;
        }
        Integer tokenStatus = tokenEndpointStatus(e);
        if (tokenStatus != null) {
            if (tokenStatus >= 400 && tokenStatus < 500 && tokenStatus != 429) {
                return new DestinationUserException(refusedCredentials(config));
            }
            return new BigQueryRetryableException("Google's token endpoint " + config.tokenUri() + (tokenStatus == 0 ? " could not be reached"
                    : " failed with HTTP " + tokenStatus) + "; the run will be retried.");
        }
        if (e instanceof BigQueryException bq) {
            BigQueryError error = bq.getError();
            return classify(bq.getCode(), error == null ? null : error.getReason(), bq.getMessage(), config);
        }
        return new BigQueryRetryableException("BigQuery could not be reached for " + config.target() + " (" + e.getClass().getSimpleName()
                + "): " + config.scrub(e.getMessage()));
    }

    /** A job that finished with an error (its {@code status.errorResult}). */
    static RuntimeException jobFailed(BigQueryError error, String what, BigQueryConfig config) {
        return classify(0, error.getReason(), what + " failed: " + error.getMessage(), config);
    }

    static RuntimeException classify(int code, String reason, String message, BigQueryConfig config) {
        String detail = config.scrub(message);
        String why = reason == null ? "" : reason;
        if (RETRYABLE_REASONS.contains(why) || code >= 500 || code == 429 || detail.contains("concurrent update")) {
            return new BigQueryRetryableException("BigQuery failed for " + config.target() + " (" + (code > 0 ? "HTTP " + code + ", " : "")
                    + (why.isEmpty() ? "no reason" : why) + "); the run will be retried: " + detail);
        }
        if (code == 401 || why.equals("unauthorized") || why.equals("authError")) {
            return new DestinationUserException(refusedCredentials(config));
        }
        if (code == 403 || why.equals("accessDenied") || why.equals("billingNotEnabled") || why.equals("billingTierLimitExceeded")) {
            return new DestinationUserException("The service account " + config.clientEmail() + " may not do this in BigQuery dataset "
                    + config.dataset() + " (" + (why.isEmpty() ? "HTTP 403" : why) + "): grant it the BigQuery Data Editor and BigQuery Job User"
                    + " roles. BigQuery said: " + detail);
        }
        if (code == 404 || why.equals("notFound")) {
            return new DestinationUserException("BigQuery could not find " + config.dataset() + " or one of its tables: check project_id and"
                    + " dataset_id, and that the service account can see the dataset. BigQuery said: " + detail);
        }
        if (code == 400 || why.startsWith("invalid") || why.equals("resourcesExceeded") || why.equals("responseTooLarge")) {
            return new DestinationUserException("BigQuery refused to write into " + config.target() + " (" + (why.isEmpty() ? "invalid" : why)
                    + "): does the table have other columns or types than the export? BigQuery said: " + detail);
        }
        return new BigQueryRetryableException("BigQuery failed for " + config.target() + " (" + (code > 0 ? "HTTP " + code : why) + "): " + detail);
    }

    static String refusedCredentials(BigQueryConfig config) {
        return "Google refused the service account " + config.clientEmail() + ": check client_email, private_key and private_key_id"
                + " (a key that was deleted or disabled is refused too).";
    }

    /** The HTTP status of a failed access-token request (the auth library marks its errors {@link Retryable}), or null when the failure is not one. */
    private static Integer tokenEndpointStatus(Throwable e) {
        boolean auth = false;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Retryable) {
                auth = true;
            }
            if (auth && t instanceof HttpResponseException http) {
                return http.getStatusCode();
            }
        }
        return auth ? 0 : null;
    }
}
