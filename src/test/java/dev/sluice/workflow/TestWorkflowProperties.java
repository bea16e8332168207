package dev.sluice.workflow;

import java.time.Duration;

/** Workflow settings with short backoffs and timeouts, so retries take milliseconds in tests. */
final class TestWorkflowProperties {

    static final int MAX_ATTEMPTS = 3;

    private TestWorkflowProperties() {
    }

    static WorkflowProperties fast() {
        return withBackfill(2, 100);
    }

    static WorkflowProperties withBackfill(int concurrency, int childrenPerExecution) {
        return new WorkflowProperties(MAX_ATTEMPTS, Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofSeconds(2),
                Duration.ofMinutes(1), Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(10), concurrency,
                childrenPerExecution);
    }
}
