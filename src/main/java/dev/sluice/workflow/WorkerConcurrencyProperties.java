package dev.sluice.workflow;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How much one worker process runs at once ({@code sluice.worker.*}), per task queue.
 *
 * @param exportActivities activities (exports and their bookkeeping) a worker runs at once on the scheduled-runs queue
 * @param backfillActivities the same on the backfill queue
 * @param workflowTasks workflow tasks a worker processes at once on each queue (at least 2)
 */
@ConfigurationProperties("sluice.worker")
record WorkerConcurrencyProperties(
        @DefaultValue("10") int exportActivities,
        @DefaultValue("10") int backfillActivities,
        @DefaultValue("20") int workflowTasks) {

    WorkerConcurrencyProperties {
        if (exportActivities < 1 || backfillActivities < 1) {
            throw new IllegalArgumentException("sluice.worker.export-activities and backfill-activities must be at least 1");
        }
        if (workflowTasks < 2) {
            throw new IllegalArgumentException("sluice.worker.workflow-tasks must be at least 2");
        }
    }

    int activitiesFor(String taskQueue) {
        return TaskQueues.BACKFILLS.equals(taskQueue) ? backfillActivities : exportActivities;
    }
}
