package dev.sluice.workflow;

import java.time.Instant;
import java.util.UUID;

/** Workflow ids; the same interval always maps to the same id, whoever starts it. */
public final class WorkflowIds {

    private WorkflowIds() {
    }

    public static String run(UUID exportId, Instant intervalEnd) {
        return scheduled(exportId) + "-" + intervalEnd;
    }

    /**
     * The workflow id a Temporal Schedule action carries; the server appends {@code -<nominal
     * time>} (RFC 3339, UTC), which yields {@link #run} for the interval ending at that time.
     */
    public static String scheduled(UUID exportId) {
        return "export-" + exportId;
    }

    /** An explicit re-run of an interval whose run already completed. */
    public static String retry(UUID exportId, Instant intervalEnd, int attempt) {
        return run(exportId, intervalEnd) + "-r" + attempt;
    }

    public static String backfill(UUID exportId, Instant start, Instant end) {
        return "export-" + exportId + "-backfill-" + start + "-" + end;
    }
}
