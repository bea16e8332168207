package dev.sluice.workflow;

import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health component {@code temporal}: up when the Temporal service describes the configured namespace
 * within {@code sluice.temporal.health-timeout}. Part of the readiness group.
 */
@Component("temporal")
class TemporalHealthIndicator implements HealthIndicator {

    private final WorkflowServiceStubs stubs;
    private final String namespace;
    private final Duration timeout;

    TemporalHealthIndicator(WorkflowServiceStubs stubs, @Value("${spring.temporal.namespace:default}") String namespace,
                            @Value("${sluice.temporal.health-timeout:3s}") Duration timeout) {
        this.stubs = stubs;
        this.namespace = namespace;
        this.timeout = timeout;
    }

    @Override
    public Health health() {
        try {
            stubs.blockingStub().withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .describeNamespace(DescribeNamespaceRequest.newBuilder().setNamespace(namespace).build());
            return Health.up().withDetail("namespace", namespace).build();
        } catch (StatusRuntimeException e) {
            return Health.down().withDetail("namespace", namespace).withDetail("status", e.getStatus().getCode().name()).build();
        }
    }
}
