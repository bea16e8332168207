package dev.sluice.workflow;

import dev.sluice.common.NotFoundException;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.worker.WorkflowImplementationOptions;
import java.util.Map;

/**
 * Activity options per activity type, from {@link WorkflowProperties}: bookkeeping retries forever
 * with backoff, the destination activity heartbeats and retries up to a limit.
 */
final class ActivityOptionsPolicy {

    private ActivityOptionsPolicy() {
    }

    static WorkflowImplementationOptions.Builder apply(WorkflowImplementationOptions.Builder builder, WorkflowProperties props) {
        return builder
                .setDefaultActivityOptions(metadata(props))
                .setActivityOptions(Map.of(ExportActivities.EXPORT_INTERVAL, export(props)));
    }

    static WorkflowImplementationOptions implementationOptions(WorkflowProperties props) {
        return apply(WorkflowImplementationOptions.newBuilder(), props).build();
    }

    static ActivityOptions metadata(WorkflowProperties props) {
        return ActivityOptions.newBuilder()
                .setStartToCloseTimeout(props.metadataStartToCloseTimeout())
                .setRetryOptions(RetryOptions.newBuilder()
                        .setInitialInterval(props.metadataInitialInterval())
                        .setBackoffCoefficient(2)
                        .setMaximumInterval(props.metadataMaxInterval())
                        .setMaximumAttempts(0)
                        .setDoNotRetry(NotFoundException.class.getName())
                        .build())
                .build();
    }

    static ActivityOptions export(WorkflowProperties props) {
        return ActivityOptions.newBuilder()
                .setStartToCloseTimeout(props.exportStartToCloseTimeout())
                .setHeartbeatTimeout(props.exportHeartbeatTimeout())
                .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
                .setRetryOptions(RetryOptions.newBuilder()
                        .setInitialInterval(props.exportInitialInterval())
                        .setBackoffCoefficient(2)
                        .setMaximumInterval(props.exportMaxInterval())
                        .setMaximumAttempts(props.exportMaxAttempts())
                        .setDoNotRetry(FailureTypes.DESTINATION_USER_ERROR, NotFoundException.class.getName())
                        .build())
                .build();
    }
}
