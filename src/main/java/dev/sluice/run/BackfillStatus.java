package dev.sluice.run;

/** A backfill's status; the names are those of the REST API. */
public enum BackfillStatus {
    Starting, Running, Completed, Failed, Cancelled;

    public boolean isFinal() {
        return this != Starting && this != Running;
    }
}
