package dev.sluice.run;

import dev.sluice.audit.AuditLog;
import dev.sluice.common.BadRequestException;
import dev.sluice.common.ConflictException;
import dev.sluice.common.Ids;
import dev.sluice.common.IntervalGrid;
import dev.sluice.common.NotFoundException;
import dev.sluice.export.BatchExport;
import dev.sluice.export.ExportService;
import dev.sluice.export.ExportUnpaused;
import dev.sluice.source.EarliestRows;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

/** Creates, lists and cancels backfills; the backfill workflow does the work. */
@Service
public class BackfillService {

    private static final Logger log = LoggerFactory.getLogger(BackfillService.class);

    private final BackfillRepository backfills;
    private final ExportService exports;
    private final EarliestRows earliestData;
    private final RunOrchestration orchestration;
    private final RunLogService runLogs;
    private final AuditLog audit;
    private final Clock clock;

    public BackfillService(BackfillRepository backfills, ExportService exports, EarliestRows earliestData,
                           RunOrchestration orchestration, RunLogService runLogs, AuditLog audit, Clock clock) {
        this.backfills = backfills;
        this.exports = exports;
        this.earliestData = earliestData;
        this.orchestration = orchestration;
        this.runLogs = runLogs;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Backfills every interval of the export that overlaps {@code [startAt, endAt)} and has ended.
     * A null {@code startAt} means from the earliest data of the export's source.
     */
    public Backfill create(UUID projectId, UUID exportId, Instant startAt, Instant endAt) {
        BatchExport export = exports.get(projectId, exportId);
        Instant now = clock.instant();
        if (endAt == null) {
            throw new BadRequestException("end_at", "end_at is required.");
        }
        if (endAt.isAfter(now)) {
            throw new BadRequestException("end_at", "end_at must not be in the future.");
        }
        Instant start = startAt;
        if (start == null) {
            start = earliestData.earliestInsertedAt(export.getProjectId(), export.getModel()).orElse(null);
            if (start == null) {
                throw new BadRequestException("start_at", "There is no data to backfill yet; give start_at explicitly.");
            }
        }
        if (!endAt.isAfter(start)) {
            throw new BadRequestException("end_at", "end_at must be after start_at.");
        }
        IntervalGrid grid = gridOf(export);
        long total = countCompleteIntervals(grid, start, endAt, now);
        if (total == 0) {
            throw new BadRequestException("end_at", "The range holds no complete " + export.getInterval().apiValue() + " interval.");
        }
        Instant rangeStart = start;
        boolean running = backfills.findByBatchExportIdOrderByCreatedAtDesc(exportId).stream()
                .anyMatch(b -> !b.getStatus().isFinal() && rangeStart.equals(b.getStartAt()) && endAt.equals(b.getEndAt()));
        if (running) {
            throw new ConflictException("A backfill of this export over the same range is already running.");
        }
        Backfill backfill = backfills.save(new Backfill(Ids.newId(), exportId, start, endAt, (int) Math.min(total, Integer.MAX_VALUE), now));
        runLogs.log(exportId, null, "INFO", "Backfill " + backfill.getId() + " requested for [" + start + ", " + endAt + "): "
                + total + " runs.");
        audit.record(export.getProjectId(), AuditLog.BACKFILLED, "batch_export", exportId,
                "Backfill " + backfill.getId() + " of [" + start + ", " + endAt + ")");
        String workflowId;
        try {
            workflowId = orchestration.startBackfill(backfill.getId());
        } catch (RuntimeException e) {
            backfill.progress(BackfillStatus.Failed, 0, clock.instant());
            backfills.save(backfill);
            throw e;
        }
        // The workflow is already updating the row: record only the workflow id, not this stale copy.
        backfills.recordWorkflowId(backfill.getId(), workflowId);
        backfill.startedAs(workflowId, clock.instant());
        return backfill;
    }

    /** Number of intervals a backfill over this range would run: what a confirmation dialog shows. */
    @Transactional(readOnly = true)
    public long estimateRuns(UUID projectId, UUID exportId, Instant startAt, Instant endAt) {
        BatchExport export = exports.get(projectId, exportId);
        Instant start = startAt != null ? startAt : earliestData.earliestInsertedAt(export.getProjectId(), export.getModel()).orElse(endAt);
        return countCompleteIntervals(gridOf(export), start, endAt, clock.instant());
    }

    @Transactional(readOnly = true)
    public List<Backfill> list(UUID projectId, UUID exportId) {
        exports.get(projectId, exportId);
        return backfills.findByBatchExportIdOrderByCreatedAtDesc(exportId);
    }

    @Transactional(readOnly = true)
    public Backfill get(UUID projectId, UUID exportId, UUID backfillId) {
        exports.get(projectId, exportId);
        return backfills.findByIdAndBatchExportId(backfillId, exportId)
                .orElseThrow(() -> new NotFoundException("Backfill " + backfillId + " was not found."));
    }

    public Backfill cancel(UUID projectId, UUID exportId, UUID backfillId) {
        Backfill backfill = get(projectId, exportId, backfillId);
        if (backfill.getStatus().isFinal()) {
            throw new ConflictException("Backfill " + backfillId + " already finished as " + backfill.getStatus() + ".");
        }
        orchestration.cancelBackfill(backfillId);
        return backfill;
    }

    /** Backfills that have not finished, for start-up reconciliation. */
    @Transactional(readOnly = true)
    public List<Backfill> unfinished() {
        return backfills.findByStatusIn(EnumSet.of(BackfillStatus.Starting, BackfillStatus.Running));
    }

    /**
     * Runs after the unpause committed. The committed transaction's resources are still bound then,
     * so writes must not join it (they would never be committed): each repository call runs in a
     * transaction of its own, and the backfill row is committed before its workflow starts.
     */
    @TransactionalEventListener
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    void onUnpaused(ExportUnpaused event) {
        BatchExport export = exports.require(event.exportId());
        try {
            create(export.getProjectId(), export.getId(), event.pausedAt(), event.unpausedAt());
        } catch (BadRequestException e) {
            log.info("No backfill of the paused gap of export {}: {}", event.exportId(), e.getMessage());
        }
    }

    static IntervalGrid gridOf(BatchExport export) {
        return new IntervalGrid(export.getInterval(), export.zoneId(), export.getIntervalOffset());
    }

    private static long countCompleteIntervals(IntervalGrid grid, Instant start, Instant end, Instant now) {
        Instant lastEnd = grid.floor(now);
        Instant effectiveEnd = end.isAfter(lastEnd) ? lastEnd : end;
        if (!effectiveEnd.isAfter(start)) {
            return 0;
        }
        return grid.countOverlapping(start, effectiveEnd);
    }
}
