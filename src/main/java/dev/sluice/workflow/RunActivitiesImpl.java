package dev.sluice.workflow;

import dev.sluice.common.DataInterval;
import io.temporal.spring.boot.ActivityImpl;
import org.springframework.stereotype.Component;

@Component
@ActivityImpl(taskQueues = {TaskQueues.EXPORTS, TaskQueues.BACKFILLS})
public class RunActivitiesImpl implements RunActivities {

    private final RunRecords records;

    RunActivitiesImpl(RunRecords records) {
        this.records = records;
    }

    @Override
    public RunInterval resolveScheduledInterval(ScheduledStart start) {
        DataInterval interval = records.scheduledInterval(start.exportId(), start.scheduledAt());
        return new RunInterval(interval.start(), interval.end());
    }

    @Override
    public StartedRun startRun(RunStart start) {
        return new StartedRun(records.start(start.workflowId(), start.exportId(), start.backfillId(),
                new DataInterval(start.start(), start.end())));
    }

    @Override
    public void finishRun(RunFinish finish) {
        records.finish(finish.workflowId(), finish.status(), finish.records(), finish.bytes(), finish.error());
    }
}
