package dev.sluice.workflow;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Run bookkeeping whose calls do their work and then fail as often as the {@link FaultPlan} says,
 * as if the database committed but its answer was lost; Temporal retries them.
 */
final class FlakyRunActivities implements RunActivities {

    final RecordingRunActivities recorded = new RecordingRunActivities();
    private final FaultPlan plan;

    FlakyRunActivities(FaultPlan plan) {
        this.plan = plan;
    }

    @Override
    public RunInterval resolveScheduledInterval(ScheduledStart start) {
        return recorded.resolveScheduledInterval(start);
    }

    @Override
    public StartedRun startRun(RunStart start) {
        StartedRun started = recorded.startRun(start);
        failIfPlanned(plan.startRunFailures, "after startRun");
        return started;
    }

    @Override
    public void finishRun(RunFinish finish) {
        recorded.finishRun(finish);
        failIfPlanned(plan.finishRunFailures, "after finishRun");
    }

    private static void failIfPlanned(AtomicInteger failures, String where) {
        if (failures.getAndDecrement() > 0) {
            throw new InjectedFault(where);
        }
    }
}
