package dev.sluice.workflow;

import io.temporal.spring.boot.ActivityImpl;
import org.springframework.stereotype.Component;

@Component
@ActivityImpl(taskQueues = TaskQueues.BACKFILLS)
public class BackfillActivitiesImpl implements BackfillActivities {

    private final BackfillRecords records;

    BackfillActivitiesImpl(BackfillRecords records) {
        this.records = records;
    }

    @Override
    public BackfillPlan planBackfill(BackfillRef backfill) {
        return records.plan(backfill.backfillId());
    }

    @Override
    public PreparedRun prepareRun(RunSlot slot) {
        return records.prepare(slot.backfillId(), slot.exportId(), slot.intervalEnd());
    }

    @Override
    public void recordProgress(BackfillProgress progress) {
        records.progress(progress.backfillId(), progress.finishedRuns());
    }

    @Override
    public void finishBackfill(BackfillOutcome outcome) {
        records.finish(outcome.backfillId(), outcome.status(), outcome.finishedRuns(), outcome.failedRuns());
    }
}
