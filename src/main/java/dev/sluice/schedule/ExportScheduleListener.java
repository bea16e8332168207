package dev.sluice.schedule;

import dev.sluice.export.ExportChanged;
import dev.sluice.export.ExportDeleted;
import dev.sluice.run.Backfill;
import dev.sluice.run.BackfillService;
import dev.sluice.run.BatchExportRun;
import dev.sluice.run.BatchExportRunRepository;
import dev.sluice.run.RunOrchestration;
import dev.sluice.run.RunStatus;
import java.util.EnumSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Keeps schedules in step with exports once their changes are committed. A failure here leaves the
 * export saved; the schedule is put right at the next start-up (or the next tick of the local driver).
 */
@Component
class ExportScheduleListener {

    private static final Logger log = LoggerFactory.getLogger(ExportScheduleListener.class);

    private final ExportScheduler scheduler;
    private final BatchExportRunRepository runs;
    private final BackfillService backfills;
    private final RunOrchestration orchestration;

    ExportScheduleListener(ExportScheduler scheduler, BatchExportRunRepository runs, BackfillService backfills,
                           RunOrchestration orchestration) {
        this.scheduler = scheduler;
        this.runs = runs;
        this.backfills = backfills;
        this.orchestration = orchestration;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void onChanged(ExportChanged event) {
        try {
            scheduler.upsert(event.exportId());
        } catch (RuntimeException e) {
            log.warn("Could not update the schedule of export {}: {}", event.exportId(), e.toString());
        }
    }

    /** Removes the schedule and cancels the export's unfinished backfills and runs; finished runs stay as they are. */
    @TransactionalEventListener(fallbackExecution = true)
    void onDeleted(ExportDeleted event) {
        try {
            scheduler.delete(event.exportId());
        } catch (RuntimeException e) {
            log.warn("Could not delete the schedule of export {}: {}", event.exportId(), e.toString());
        }
        for (Backfill backfill : backfills.unfinished()) {
            if (backfill.getBatchExportId().equals(event.exportId())) {
                cancel(() -> orchestration.cancelBackfill(backfill.getId()), "backfill " + backfill.getId());
            }
        }
        for (BatchExportRun run : runs.findByStatusIn(EnumSet.of(RunStatus.Starting, RunStatus.Running))) {
            if (run.getBatchExportId().equals(event.exportId())) {
                cancel(() -> orchestration.cancelRun(run.getId()), "run " + run.getId());
            }
        }
    }

    private static void cancel(Runnable cancellation, String what) {
        try {
            cancellation.run();
        } catch (RuntimeException e) {
            log.warn("Could not cancel {} of a deleted export: {}", what, e.toString());
        }
    }
}
