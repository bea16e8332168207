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
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Starts and cancels workflows for the run feature. */
@Component
class TemporalRunOrchestration implements RunOrchestration {

    private final WorkflowClient client;
    private final BackfillRepository backfills;
    private final BatchExportRunRepository runs;
    private final ExportRunStarter starter;
    private final RunRecords runRecords;
    private final BackfillRecords backfillRecords;

    TemporalRunOrchestration(WorkflowClient client, BackfillRepository backfills, BatchExportRunRepository runs, ExportRunStarter starter,
                             RunRecords runRecords, BackfillRecords backfillRecords) {
        this.client = client;
        this.backfills = backfills;
        this.runs = runs;
        this.starter = starter;
        this.runRecords = runRecords;
        this.backfillRecords = backfillRecords;
    }

    @Override
    public String startBackfill(UUID backfillId) {
        Backfill backfill = requireBackfill(backfillId);
        String workflowId = WorkflowIds.backfill(backfill.getBatchExportId(), backfill.getStartAt(), backfill.getEndAt());
        startBackfillWorkflow(workflowId, BackfillInput.first(backfillId, backfill.getBatchExportId()));
        return workflowId;
    }

    /** Starts (or attaches to) the backfill workflow under a known id. */
    void startBackfillWorkflow(String workflowId, BackfillInput input) {
        BackfillWorkflow workflow = client.newWorkflowStub(BackfillWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(TaskQueues.BACKFILLS)
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .build());
        WorkflowClient.start(workflow::run, input);
    }

    @Override
    public void cancelBackfill(UUID backfillId) {
        Backfill backfill = requireBackfill(backfillId);
        String workflowId = backfill.getWorkflowId() != null ? backfill.getWorkflowId()
                : WorkflowIds.backfill(backfill.getBatchExportId(), backfill.getStartAt(), backfill.getEndAt());
        try {
            client.newUntypedWorkflowStub(workflowId).cancel();
        } catch (WorkflowNotFoundException e) {
            backfillRecords.cancelOrphan(backfillId);
        }
    }

    @Override
    public void retryRun(UUID runId) {
        BatchExportRun run = requireRun(runId);
        starter.runNow(run.getBatchExportId(), run.interval());
    }

    @Override
    public void cancelRun(UUID runId) {
        try {
            client.newUntypedWorkflowStub(requireRun(runId).getWorkflowId()).cancel();
        } catch (WorkflowNotFoundException e) {
            runRecords.cancelOrphan(runId);
        }
    }

    private Backfill requireBackfill(UUID backfillId) {
        return backfills.findById(backfillId).orElseThrow(() -> new NotFoundException("Backfill " + backfillId + " was not found."));
    }

    private BatchExportRun requireRun(UUID runId) {
        return runs.findById(runId).orElseThrow(() -> new NotFoundException("Run " + runId + " was not found."));
    }
}
