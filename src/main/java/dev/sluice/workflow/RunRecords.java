package dev.sluice.workflow;

import dev.sluice.common.DataInterval;
import dev.sluice.common.Ids;
import dev.sluice.common.IntervalGrid;
import dev.sluice.common.NotFoundException;
import dev.sluice.destination.DestinationType;
import dev.sluice.export.BatchExport;
import dev.sluice.export.ExportService;
import dev.sluice.run.BatchExportRun;
import dev.sluice.run.BatchExportRunRepository;
import dev.sluice.run.RunFinished;
import dev.sluice.run.RunLogService;
import dev.sluice.run.RunStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Run rows as the workflows see them: created and finished by workflow id, so every write can be repeated. */
@Component
class RunRecords {

    private final BatchExportRunRepository runs;
    private final ExportService exports;
    private final RunLogService logs;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final RunMetrics metrics;

    RunRecords(BatchExportRunRepository runs, ExportService exports, RunLogService logs, ApplicationEventPublisher events, Clock clock,
               RunMetrics metrics) {
        this.runs = runs;
        this.exports = exports;
        this.logs = logs;
        this.events = events;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** The interval ending at the grid boundary at or before {@code scheduledAt}. */
    @Transactional(readOnly = true)
    public DataInterval scheduledInterval(UUID exportId, Instant scheduledAt) {
        IntervalGrid grid = gridOf(exports.require(exportId));
        return grid.intervalEndingAt(grid.floor(scheduledAt));
    }

    @Transactional
    public UUID start(String workflowId, UUID exportId, UUID backfillId, DataInterval interval) {
        exports.require(exportId);
        Instant now = clock.instant();
        Optional<BatchExportRun> existing = runs.findByWorkflowId(workflowId);
        BatchExportRun run = existing.orElseGet(() -> new BatchExportRun(Ids.newId(), exportId, backfillId, interval, workflowId, now));
        run.markRunning(now);
        runs.save(run);
        logs.log(exportId, run.getId(), "INFO", (existing.isPresent() ? "Run restarted for " : "Run started for ") + interval + ".");
        return run.getId();
    }

    @Transactional
    public void finish(String workflowId, RunStatus status, long records, long bytes, String error) {
        Optional<BatchExportRun> found = runs.findByWorkflowId(workflowId);
        if (found.isEmpty()) {
            return;
        }
        BatchExportRun run = found.get();
        if (run.getStatus() == status && run.getFinishedAt() != null) {
            return;
        }
        run.finish(status, records, bytes, error, clock.instant());
        logs.log(run.getBatchExportId(), run.getId(), status == RunStatus.Completed ? "INFO" : status == RunStatus.Cancelled ? "WARN" : "ERROR",
                summary(run, status, records, bytes, error));
        events.publishEvent(RunFinished.of(run));
        recordAfterCommit(run, status, records, bytes);
    }

    /**
     * Marks a run whose workflow no longer exists (lost by a restart of the embedded server) as cancelled.
     * In a transaction of its own, as it also runs after another transaction committed (an export's deletion).
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void cancelOrphan(UUID runId) {
        runs.findById(runId).filter(r -> !r.getStatus().isFinal()).ifPresent(run -> {
            run.finish(RunStatus.Cancelled, 0, 0, "The run was cancelled.", clock.instant());
            logs.log(run.getBatchExportId(), run.getId(), "WARN", "Run cancelled; its workflow had already stopped.");
            recordAfterCommit(run, RunStatus.Cancelled, 0, 0);
        });
    }

    /** Counts the finished run in {@link RunMetrics} once its row is committed, so a rolled-back finish counts nothing. */
    private void recordAfterCommit(BatchExportRun run, RunStatus status, long records, long bytes) {
        DestinationType type = destinationType(run.getBatchExportId());
        Duration duration = Duration.between(run.getCreatedAt(), run.getFinishedAt());
        Runnable record = () -> metrics.finished(type, status, records, bytes, duration);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    record.run();
                }
            });
        } else {
            record.run();
        }
    }

    private DestinationType destinationType(UUID exportId) {
        try {
            BatchExport export = exports.require(exportId);
            return export.getDestination() == null ? null : export.getDestination().getType();
        } catch (NotFoundException e) {
            return null;
        }
    }

    /**
     * The workflow id for a new run of an interval: the interval's own id the first time, a
     * suffixed one ({@code -r<n>}) once a run of the interval exists, so a re-run replaces it.
     */
    @Transactional(readOnly = true)
    public String freshWorkflowId(UUID exportId, Instant intervalEnd) {
        String base = WorkflowIds.run(exportId, intervalEnd);
        if (runs.findByWorkflowId(base).isEmpty()) {
            return base;
        }
        return WorkflowIds.retry(exportId, intervalEnd, nextRetryAttempt(exportId, intervalEnd));
    }

    @Transactional(readOnly = true)
    public int nextRetryAttempt(UUID exportId, Instant intervalEnd) {
        return (int) runs.countByWorkflowIdStartingWith(WorkflowIds.run(exportId, intervalEnd) + "-r") + 1;
    }

    static IntervalGrid gridOf(BatchExport export) {
        return new IntervalGrid(export.getInterval(), export.zoneId(), export.getIntervalOffset());
    }

    private static String summary(BatchExportRun run, RunStatus status, long records, long bytes, String error) {
        return switch (status) {
            case Completed -> "Run completed: exported " + records + (records == 1 ? " record (" : " records (") + bytes + " bytes) for "
                    + run.interval() + ".";
            case Cancelled -> "Run cancelled.";
            case FailedRetryable -> "Run failed after its retries were used up: " + error + " Retry the run once the cause is fixed.";
            default -> "Run failed: " + error;
        };
    }
}
