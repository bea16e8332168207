package dev.sluice.workflow;

import dev.sluice.common.IntervalGrid;
import dev.sluice.common.NotFoundException;
import dev.sluice.export.BatchExport;
import dev.sluice.export.ExportService;
import dev.sluice.run.Backfill;
import dev.sluice.run.BackfillRepository;
import dev.sluice.run.BackfillStatus;
import dev.sluice.run.BatchExportRun;

import dev.sluice.run.RunLogService;
import dev.sluice.run.RunStatus;
import dev.sluice.source.EarliestRows;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Backfill rows as the backfill workflow sees them. */
@Component
class BackfillRecords {

    private final BackfillRepository backfills;
    private final ExportService exports;
    private final EarliestRows earliestData;
    private final RunRecords runs;
    private final RunLogService logs;
    private final EntityManager entityManager;
    private final WorkflowProperties props;
    private final Clock clock;

    BackfillRecords(BackfillRepository backfills, ExportService exports, EarliestRows earliestData, RunRecords runs, RunLogService logs,
                    EntityManager entityManager, WorkflowProperties props, Clock clock) {
        this.backfills = backfills;
        this.exports = exports;
        this.earliestData = earliestData;
        this.runs = runs;
        this.logs = logs;
        this.entityManager = entityManager;
        this.props = props;
        this.clock = clock;
    }

    /**
     * The intervals to run: those of the export's grid overlapping {@code [start, min(end,
     * grid.floor(createdAt)))}, exactly what {@code BackfillService} counted when it was created.
     */
    @Transactional
    public BackfillActivities.BackfillPlan plan(UUID backfillId) {
        Backfill backfill = require(backfillId);
        BatchExport export = exports.require(backfill.getBatchExportId());
        IntervalGrid grid = RunRecords.gridOf(export);
        if (backfill.getStatus().isFinal()) {
            return new BackfillActivities.BackfillPlan(true, grid.interval(), grid.zone().getId(), grid.offsetSeconds(),
                    backfill.getEndAt(), backfill.getEndAt(), props.backfillConcurrency(), props.backfillChildrenPerExecution());
        }
        Instant lastEnd = grid.floor(backfill.getCreatedAt());
        Instant end = backfill.getEndAt().isAfter(lastEnd) ? lastEnd : backfill.getEndAt();
        Instant start = backfill.getStartAt() != null ? backfill.getStartAt() : earliestData.earliestInsertedAt(export.getProjectId(), export.getModel()).orElse(end);
        int started = entityManager.createQuery("update Backfill b set b.status = :running, b.lastUpdatedAt = :now "
                        + "where b.id = :id and b.status = :starting")
                .setParameter("running", BackfillStatus.Running)
                .setParameter("now", clock.instant())
                .setParameter("id", backfillId)
                .setParameter("starting", BackfillStatus.Starting)
                .executeUpdate();
        if (started == 1) {
            logs.log(export.getId(), null, "INFO", "Backfill " + backfillId + " started: " + grid.countOverlapping(start, end)
                    + " runs over [" + start + ", " + end + ").");
        }
        return new BackfillActivities.BackfillPlan(false, grid.interval(), grid.zone().getId(), grid.offsetSeconds(), start, end,
                props.backfillConcurrency(), props.backfillChildrenPerExecution());
    }

    /**
     * Picks the child's workflow id. A run this backfill already completed (before a restart) is
     * skipped; one it left unfinished keeps its id; otherwise a fresh id, suffixed when the interval
     * was exported before so the explicit re-run replaces it.
     */
    @Transactional(readOnly = true)
    public BackfillActivities.PreparedRun prepare(UUID backfillId, UUID exportId, Instant intervalEnd) {
        List<BatchExportRun> own = entityManager.createQuery(
                        "select r from BatchExportRun r where r.backfillId = :backfill and r.dataIntervalEnd = :end order by r.createdAt desc",
                        BatchExportRun.class)
                .setParameter("backfill", backfillId)
                .setParameter("end", intervalEnd)
                .setMaxResults(1)
                .getResultList();
        if (!own.isEmpty()) {
            BatchExportRun latest = own.get(0);
            if (latest.getStatus() == RunStatus.Completed) {
                return new BackfillActivities.PreparedRun(latest.getWorkflowId(), true);
            }
            if (!latest.getStatus().isFinal()) {
                return new BackfillActivities.PreparedRun(latest.getWorkflowId(), false);
            }
        }
        return new BackfillActivities.PreparedRun(runs.freshWorkflowId(exportId, intervalEnd), false);
    }

    /** Raises {@code finished_runs}; never lowers it, whatever order concurrent updates commit in. */
    @Transactional
    public void progress(UUID backfillId, int finishedRuns) {
        entityManager.createQuery("update Backfill b set b.finishedRuns = :finished, b.status = :running, b.lastUpdatedAt = :now "
                        + "where b.id = :id and b.finishedRuns < :finished and b.status in (:open)")
                .setParameter("finished", finishedRuns)
                .setParameter("running", BackfillStatus.Running)
                .setParameter("now", clock.instant())
                .setParameter("id", backfillId)
                .setParameter("open", List.of(BackfillStatus.Starting, BackfillStatus.Running))
                .executeUpdate();
    }

    @Transactional
    public void finish(UUID backfillId, BackfillStatus status, int finishedRuns, int failedRuns) {
        Backfill backfill = require(backfillId);
        if (backfill.getStatus().isFinal()) {
            return;
        }
        backfill.progress(status, finishedRuns, clock.instant());
        String message = switch (status) {
            case Completed -> "Backfill " + backfillId + " completed: " + finishedRuns + " runs.";
            case Cancelled -> "Backfill " + backfillId + " cancelled after " + finishedRuns + " of " + backfill.getTotalRuns() + " runs.";
            default -> "Backfill " + backfillId + " finished with " + failedRuns + " failed of " + finishedRuns + " runs.";
        };
        logs.log(backfill.getBatchExportId(), null, status == BackfillStatus.Completed ? "INFO" : "WARN", message);
    }

    /**
     * Marks a backfill whose workflow no longer exists as cancelled.
     * In a transaction of its own, as it also runs after another transaction committed (an export's deletion).
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void cancelOrphan(UUID backfillId) {
        finish(backfillId, BackfillStatus.Cancelled, require(backfillId).getFinishedRuns(), 0);
    }

    private Backfill require(UUID backfillId) {
        return backfills.findById(backfillId).orElseThrow(() -> new NotFoundException("Backfill " + backfillId + " was not found."));
    }
}
