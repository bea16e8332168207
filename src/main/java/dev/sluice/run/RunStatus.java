package dev.sluice.run;

/** A run's status; the names are those of the REST API. */
public enum RunStatus {
    Starting, Running, Completed, Failed, FailedRetryable, Cancelled, TimedOut, Terminated;

    public boolean isFinal() {
        return this != Starting && this != Running;
    }
}
