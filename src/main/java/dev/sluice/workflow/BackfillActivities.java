package dev.sluice.workflow;

import dev.sluice.common.ExportInterval;
import dev.sluice.common.IntervalGrid;
import dev.sluice.run.BackfillStatus;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

/** Bookkeeping of a backfill; these activities retry until the database answers. */
@ActivityInterface
public interface BackfillActivities {

    String PLAN_BACKFILL = "PlanBackfill";
    String PREPARE_BACKFILL_RUN = "PrepareBackfillRun";
    String RECORD_BACKFILL_PROGRESS = "RecordBackfillProgress";
    String FINISH_BACKFILL = "FinishBackfill";

    /** What to run: the export's grid and the range, and marks the backfill {@code Running}. */
    @ActivityMethod(name = PLAN_BACKFILL)
    BackfillPlan planBackfill(BackfillRef backfill);

    /** Decides the workflow id of one interval's run, or that this backfill already completed it. */
    @ActivityMethod(name = PREPARE_BACKFILL_RUN)
    PreparedRun prepareRun(RunSlot slot);

    @ActivityMethod(name = RECORD_BACKFILL_PROGRESS)
    void recordProgress(BackfillProgress progress);

    @ActivityMethod(name = FINISH_BACKFILL)
    void finishBackfill(BackfillOutcome outcome);

    record BackfillRef(UUID backfillId) {
    }

    /**
     * Intervals of the grid overlapping {@code [start, end)}, run {@code concurrency} at a time;
     * {@code alreadyFinished} when the backfill row is final and there is nothing to do.
     */
    record BackfillPlan(boolean alreadyFinished, ExportInterval interval, String timeZone, int intervalOffset,
                        Instant start, Instant end, int concurrency, int childrenPerExecution) {

        IntervalGrid toGrid() {
            return new IntervalGrid(interval, ZoneId.of(timeZone), intervalOffset);
        }
    }

    record RunSlot(UUID backfillId, UUID exportId, Instant intervalEnd) {
    }

    /** {@code alreadyCompleted}: this backfill exported the interval before a restart; skip it. */
    record PreparedRun(String workflowId, boolean alreadyCompleted) {
    }

    record BackfillProgress(UUID backfillId, int finishedRuns) {
    }

    record BackfillOutcome(UUID backfillId, BackfillStatus status, int finishedRuns, int failedRuns) {
    }
}
