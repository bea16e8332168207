package dev.sluice.workflow;

import dev.sluice.common.DataInterval;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Starts {@link ExportRunWorkflow}s outside Temporal Schedules, with the ids and policies the
 * schedules use: an interval's run is {@code WorkflowIds.run(export, end)}, a second start
 * attaches to a running one, and only a failed one may run again under the same id.
 */
@Component
public class ExportRunStarter {

    private final WorkflowClient client;
    private final RunRecords runs;

    ExportRunStarter(WorkflowClient client, RunRecords runs) {
        this.client = client;
        this.runs = runs;
    }

    /**
     * Starts the scheduled run of an interval, or attaches to it when it is running. Returns false
     * when the interval's run already completed, so nothing was started.
     */
    public boolean startScheduled(UUID exportId, DataInterval interval) {
        return start(WorkflowIds.run(exportId, interval.end()), TaskQueues.EXPORTS,
                new ExportRunInput(exportId, interval.start(), interval.end(), null));
    }

    /**
     * Runs an interval now on request: under the interval's own id the first time, under a
     * suffixed id ({@code -r<n>}) when it ran before, so the new run replaces the old output.
     * Returns the workflow id.
     */
    public String runNow(UUID exportId, DataInterval interval) {
        String workflowId = runs.freshWorkflowId(exportId, interval.end());
        start(workflowId, TaskQueues.EXPORTS, new ExportRunInput(exportId, interval.start(), interval.end(), null));
        return workflowId;
    }

    /** Starts a run workflow under a known id again, e.g. after the embedded server lost it. */
    boolean restart(String workflowId, ExportRunInput input) {
        return start(workflowId, TaskQueues.EXPORTS, input);
    }

    private boolean start(String workflowId, String taskQueue, ExportRunInput input) {
        ExportRunWorkflow workflow = client.newWorkflowStub(ExportRunWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(taskQueue)
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY)
                .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .build());
        try {
            WorkflowClient.start(workflow::run, input);
            return true;
        } catch (WorkflowExecutionAlreadyStarted e) {
            return false;
        }
    }
}
