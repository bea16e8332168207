package dev.sluice.workflow;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How runs and backfills retry, time out and fan out ({@code sluice.workflow.*}).
 *
 * @param exportMaxAttempts attempts of the destination activity before a run ends {@code FailedRetryable}
 * @param exportInitialInterval first backoff between destination attempts; doubles up to {@code exportMaxInterval}
 * @param exportHeartbeatTimeout how long a destination attempt may go silent before it is retried
 * @param exportStartToCloseTimeout longest a single destination attempt may run
 * @param metadataInitialInterval first backoff of bookkeeping activities, which retry forever
 * @param backfillConcurrency interval runs a backfill executes at once
 * @param backfillChildrenPerExecution intervals one backfill execution handles before it continues as new
 */
@ConfigurationProperties("sluice.workflow")
public record WorkflowProperties(
        @DefaultValue("10") int exportMaxAttempts,
        @DefaultValue("30s") Duration exportInitialInterval,
        @DefaultValue("10m") Duration exportMaxInterval,
        @DefaultValue("60s") Duration exportHeartbeatTimeout,
        @DefaultValue("6h") Duration exportStartToCloseTimeout,
        @DefaultValue("1s") Duration metadataInitialInterval,
        @DefaultValue("1m") Duration metadataMaxInterval,
        @DefaultValue("2m") Duration metadataStartToCloseTimeout,
        @DefaultValue("2") int backfillConcurrency,
        @DefaultValue("100") int backfillChildrenPerExecution) {

    public WorkflowProperties {
        if (exportMaxAttempts < 1) {
            throw new IllegalArgumentException("sluice.workflow.export-max-attempts must be at least 1");
        }
        if (backfillConcurrency < 1) {
            throw new IllegalArgumentException("sluice.workflow.backfill-concurrency must be at least 1");
        }
        if (backfillChildrenPerExecution < 1) {
            throw new IllegalArgumentException("sluice.workflow.backfill-children-per-execution must be at least 1");
        }
    }
}
