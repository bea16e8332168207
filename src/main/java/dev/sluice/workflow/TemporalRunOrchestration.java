package dev.sluice.workflow;

import dev.sluice.common.NotFoundException;
import dev.sluice.run.Backfill;
import dev.sluice.run.BackfillRepository;
import dev.sluice.run.BatchExportRun;
import dev.sluice.run.BatchExportRunRepository;
import dev.sluice.run.RunOrchestration;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Starts and cancels workflows for the run feature. */
@Component
class TemporalRunOrchestration implements RunOrchestration {

    private final WorkflowClient client;
    private final BackfillRepository backfills;
    private final BatchExportRunRepository runs;

    TemporalRunOrchestration(WorkflowClient client, BackfillRepository backfills, BatchExportRunRepository runs) {
        this.client = client;
        this.backfills = backfills;
        this.runs = runs;
    }

    @Override
    public String startBackfill(UUID backfillId) {
        Backfill backfill = backfills.findById(backfillId)
                .orElseThrow(() -> new NotFoundException("Backfill " + backfillId + " was not found."));
        String workflowId = WorkflowIds.backfill(backfill.getBatchExportId(), backfill.getStartAt(), backfill.getEndAt());
        BackfillWorkflow workflow = client.newWorkflowStub(BackfillWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(TaskQueues.BACKFILLS)
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .build());
        WorkflowClient.start(workflow::run, new BackfillInput(backfillId, backfill.getBatchExportId(), null, 0));
        return workflowId;
    }

    @Override
    public void cancelBackfill(UUID backfillId) {
        Backfill backfill = backfills.findById(backfillId)
                .orElseThrow(() -> new NotFoundException("Backfill " + backfillId + " was not found."));
        client.newUntypedWorkflowStub(backfill.getWorkflowId()).cancel();
    }

    @Override
    public void retryRun(UUID runId) {
        BatchExportRun run = requireRun(runId);
        String workflowId = WorkflowIds.retry(run.getBatchExportId(), run.getDataIntervalEnd(), nextRetryAttempt(run));
        ExportRunWorkflow workflow = client.newWorkflowStub(ExportRunWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(TaskQueues.EXPORTS)
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY)
                .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .build());
        WorkflowClient.start(workflow::run, new ExportRunInput(run.getBatchExportId(), run.getDataIntervalStart(),
                run.getDataIntervalEnd(), null));
    }

    @Override
    public void cancelRun(UUID runId) {
        client.newUntypedWorkflowStub(requireRun(runId).getWorkflowId()).cancel();
    }

    private int nextRetryAttempt(BatchExportRun run) {
        String base = WorkflowIds.run(run.getBatchExportId(), run.getDataIntervalEnd());
        return (int) runs.countByWorkflowIdStartingWith(base + "-r") + 1;
    }

    private BatchExportRun requireRun(UUID runId) {
        return runs.findById(runId).orElseThrow(() -> new NotFoundException("Run " + runId + " was not found."));
    }
}
