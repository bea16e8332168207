package dev.sluice.workflow;

import dev.sluice.common.IntervalGrid;
import dev.sluice.run.BackfillStatus;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.spring.boot.WorkflowImpl;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.ChildWorkflowCancellationType;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import java.time.Instant;

/**
 * Runs every interval of a backfill as a child {@link ExportRunWorkflow}, at most
 * {@code concurrency} at once, oldest first. Intervals come from the export's {@link IntervalGrid};
 * which workflow id each child gets comes from an activity, so replay sees the same choice. After
 * {@code childrenPerExecution} intervals the workflow waits for its children and continues as new.
 */
@WorkflowImpl(taskQueues = TaskQueues.BACKFILLS)
public class BackfillWorkflowImpl implements BackfillWorkflow {

    private final BackfillActivities activities = Workflow.newActivityStub(BackfillActivities.class);

    private BackfillInput input;
    private int running;
    private int finished;
    private int failed;

    @Override
    public void run(BackfillInput input) {
        this.input = input;
        this.finished = input.finishedRuns();
        this.failed = input.failedRuns();
        try {
            BackfillActivities.BackfillPlan plan = activities.planBackfill(new BackfillActivities.BackfillRef(input.backfillId()));
            if (plan.alreadyFinished()) {
                return;
            }
            IntervalGrid grid = plan.toGrid();
            Instant start = input.nextIntervalStart() != null ? input.nextIntervalStart() : plan.start();
            Instant intervalStart = grid.floor(start);
            int handled = 0;
            while (intervalStart.isBefore(plan.end())) {
                if (handled >= plan.childrenPerExecution() || Workflow.getInfo().isContinueAsNewSuggested()) {
                    Workflow.await(() -> running == 0);
                    Workflow.continueAsNew(new BackfillInput(input.backfillId(), input.exportId(), intervalStart, finished, failed));
                    return;
                }
                Workflow.await(() -> running < plan.concurrency());
                Instant intervalEnd = grid.next(intervalStart);
                BackfillActivities.PreparedRun prepared = activities.prepareRun(
                        new BackfillActivities.RunSlot(input.backfillId(), input.exportId(), intervalEnd));
                handled++;
                if (prepared.alreadyCompleted()) {
                    finished++;
                } else {
                    running++;
                    Instant childStart = intervalStart;
                    Async.procedure(() -> runChild(prepared.workflowId(), childStart, intervalEnd));
                }
                intervalStart = intervalEnd;
            }
            Workflow.await(() -> running == 0);
            activities.finishBackfill(new BackfillActivities.BackfillOutcome(input.backfillId(),
                    failed == 0 ? BackfillStatus.Completed : BackfillStatus.Failed, finished, failed));
        } catch (CanceledFailure cancelled) {
            finishCancelled();
            throw cancelled;
        } catch (ActivityFailure failure) {
            if (failure.getCause() instanceof CanceledFailure cancelled) {
                finishCancelled();
                throw cancelled;
            }
            throw failure;
        }
    }

    /** Waits for the cancelled children to record their runs, then marks the backfill {@code Cancelled}. */
    private void finishCancelled() {
        Workflow.newDetachedCancellationScope(() -> {
            Workflow.await(() -> running == 0);
            activities.finishBackfill(new BackfillActivities.BackfillOutcome(input.backfillId(), BackfillStatus.Cancelled, finished, failed));
        }).run();
    }

    private void runChild(String workflowId, Instant start, Instant end) {
        try {
            ExportRunWorkflow child = Workflow.newChildWorkflowStub(ExportRunWorkflow.class, ChildWorkflowOptions.newBuilder()
                    .setWorkflowId(workflowId)
                    .setTaskQueue(TaskQueues.BACKFILLS)
                    .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY)
                    .setCancellationType(ChildWorkflowCancellationType.WAIT_CANCELLATION_COMPLETED)
                    .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_REQUEST_CANCEL)
                    .build());
            boolean completed;
            try {
                child.run(new ExportRunInput(input.exportId(), start, end, input.backfillId()));
                completed = true;
            } catch (ChildWorkflowFailure | CanceledFailure e) {
                completed = false;
            }
            finished++;
            if (!completed) {
                failed++;
            }
            if (!CancellationScope.current().isCancelRequested()) {
                recordProgress();
            }
        } finally {
            running--;
        }
    }

    private void recordProgress() {
        try {
            activities.recordProgress(new BackfillActivities.BackfillProgress(input.backfillId(), finished));
        } catch (CanceledFailure | ActivityFailure e) {
            // The final outcome records the count; progress is only for people watching.
        }
    }
}
