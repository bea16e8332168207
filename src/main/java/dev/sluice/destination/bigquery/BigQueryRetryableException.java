package dev.sluice.destination.bigquery;

/** A BigQuery failure worth retrying, already worded for the run's log (no secrets, no library cause). */
final class BigQueryRetryableException extends IllegalStateException {

    BigQueryRetryableException(String message) {
        super(message);
    }
}
