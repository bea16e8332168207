package dev.sluice.workflow;

/** Types of the {@code ApplicationFailure}s activities and workflows raise. */
final class FailureTypes {

    /** An error only the user can fix: never retried, the run ends {@code Failed}. */
    static final String DESTINATION_USER_ERROR = "DestinationUserError";
    /** A destination or source error worth retrying. */
    static final String EXPORT_ERROR = "ExportError";
    /** The destination wrote a different number of rows than the source holds for the interval. */
    static final String RECORD_COUNT_MISMATCH = "RecordCountMismatch";
    /** The workflow has no interval and was not started by a schedule. */
    static final String MISSING_INTERVAL = "MissingInterval";

    private FailureTypes() {
    }
}
