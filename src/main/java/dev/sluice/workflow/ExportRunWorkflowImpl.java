package dev.sluice.workflow;

import dev.sluice.run.RunStatus;
import io.temporal.api.enums.v1.RetryState;
import io.temporal.common.SearchAttributeKey;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.spring.boot.WorkflowImpl;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import java.time.OffsetDateTime;

/**
 * One interval of one export: {@code startRun} → {@code exportInterval} → {@code finishRun}.
 * The workflow completes when the run completed and fails (with the run's status as failure type)
 * otherwise, so Temporal's view matches the run row. Registered on the backfill queue as well,
 * where backfills run it as a child.
 */
@WorkflowImpl(taskQueues = {TaskQueues.EXPORTS, TaskQueues.BACKFILLS})
public class ExportRunWorkflowImpl implements ExportRunWorkflow {

    /** Set by Temporal Schedules to the nominal (pre-jitter) time of the action: the interval's end. */
    static final SearchAttributeKey<OffsetDateTime> SCHEDULED_START_TIME = SearchAttributeKey.forOffsetDateTime("TemporalScheduledStartTime");

    private final RunActivities runs = Workflow.newActivityStub(RunActivities.class);
    private final ExportActivities exports = Workflow.newActivityStub(ExportActivities.class);

    @Override
    public ExportRunResult run(ExportRunInput input) {
        String workflowId = Workflow.getInfo().getWorkflowId();
        try {
            RunActivities.RunInterval interval = intervalOf(input);
            RunActivities.StartedRun run = start(new RunActivities.RunStart(workflowId, input.exportId(), input.backfillId(),
                    interval.start(), interval.end()));
            ExportActivities.Exported exported = exports.exportInterval(new ExportActivities.IntervalExport(run.runId()));
            finish(new RunActivities.RunFinish(workflowId, RunStatus.Completed, exported.records(), exported.bytes(), null));
            return new ExportRunResult(run.runId(), RunStatus.Completed.name(), exported.records(), exported.bytes());
        } catch (CanceledFailure cancelled) {
            finishCancelled(workflowId);
            throw cancelled;
        } catch (ActivityFailure failure) {
            if (failure.getCause() instanceof CanceledFailure cancelled) {
                finishCancelled(workflowId);
                throw cancelled;
            }
            RunStatus status = failure.getRetryState() == RetryState.RETRY_STATE_NON_RETRYABLE_FAILURE
                    ? RunStatus.Failed : RunStatus.FailedRetryable;
            String error = errorOf(failure);
            finish(new RunActivities.RunFinish(workflowId, status, 0, 0, error));
            throw ApplicationFailure.newNonRetryableFailure(error, status.name());
        }
    }

    private RunActivities.RunInterval intervalOf(ExportRunInput input) {
        if (input.dataIntervalStart() != null && input.dataIntervalEnd() != null) {
            return new RunActivities.RunInterval(input.dataIntervalStart(), input.dataIntervalEnd());
        }
        OffsetDateTime scheduled = Workflow.getTypedSearchAttributes().get(SCHEDULED_START_TIME);
        if (scheduled == null) {
            throw ApplicationFailure.newNonRetryableFailure(
                    "The run has no interval and was not started by a schedule.", FailureTypes.MISSING_INTERVAL);
        }
        return runs.resolveScheduledInterval(new RunActivities.ScheduledStart(input.exportId(), scheduled.toInstant()));
    }

    /**
     * Creating the run row is not cancellable either: a cancel request during it would otherwise race
     * the row's creation, and the row could stay {@code Running} after the run was marked cancelled.
     */
    private RunActivities.StartedRun start(RunActivities.RunStart start) {
        RunActivities.StartedRun[] started = new RunActivities.StartedRun[1];
        Workflow.newDetachedCancellationScope(() -> started[0] = runs.startRun(start)).run();
        CancellationScope.throwCanceled();
        return started[0];
    }

    private void finishCancelled(String workflowId) {
        finish(new RunActivities.RunFinish(workflowId, RunStatus.Cancelled, 0, 0, "The run was cancelled."));
    }

    /** Recording the outcome is not cancellable: a cancel request arriving now must not lose it. */
    private void finish(RunActivities.RunFinish finish) {
        Workflow.newDetachedCancellationScope(() -> runs.finishRun(finish)).run();
    }

    private static String errorOf(ActivityFailure failure) {
        Throwable cause = failure.getCause();
        if (cause instanceof ApplicationFailure app) {
            return app.getOriginalMessage();
        }
        if (cause instanceof TimeoutFailure timeout) {
            return switch (timeout.getTimeoutType()) {
                case TIMEOUT_TYPE_HEARTBEAT -> "The export stopped reporting progress (its worker may have stopped).";
                case TIMEOUT_TYPE_START_TO_CLOSE -> "An export attempt ran longer than its time limit.";
                default -> "The export timed out.";
            };
        }
        return cause == null ? failure.getMessage() : cause.getMessage();
    }
}
