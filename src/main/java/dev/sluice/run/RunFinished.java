package dev.sluice.run;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Published when a run reaches a final status, inside the transaction that records it; listeners
 * that act on it (alerts, auto-pause) do so after that transaction committed.
 *
 * @param startedAt when the run row was created (a run restarted after a crash keeps its first start)
 * @param error the run's {@code latest_error}; null when it completed
 */
public record RunFinished(UUID exportId, UUID runId, UUID backfillId, RunStatus status, Instant intervalStart, Instant intervalEnd,
                          long records, String error, Instant startedAt, Instant finishedAt) {

    public static RunFinished of(BatchExportRun run) {
        return new RunFinished(run.getBatchExportId(), run.getId(), run.getBackfillId(), run.getStatus(), run.getDataIntervalStart(),
                run.getDataIntervalEnd(), run.getRecordsCompleted(), run.getLatestError(), run.getCreatedAt(), run.getFinishedAt());
    }

    public Duration intervalLength() {
        return Duration.between(intervalStart, intervalEnd);
    }

    public Duration took() {
        return Duration.between(startedAt, finishedAt);
    }
}
