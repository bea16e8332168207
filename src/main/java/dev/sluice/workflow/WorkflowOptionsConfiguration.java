package dev.sluice.workflow;

import io.temporal.spring.boot.TemporalOptionsCustomizer;
import io.temporal.spring.boot.WorkerOptionsCustomizer;
import io.temporal.worker.WorkflowImplementationOptions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Hands the activity options of {@link ActivityOptionsPolicy} to every workflow implementation the
 * starter registers, and the concurrency limits of {@link WorkerConcurrencyProperties} to its workers.
 */
@Configuration(proxyBeanMethods = false)
class WorkflowOptionsConfiguration {

    @Bean
    TemporalOptionsCustomizer<WorkflowImplementationOptions.Builder> sluiceActivityOptions(WorkflowProperties props) {
        return builder -> ActivityOptionsPolicy.apply(builder, props);
    }

    @Bean
    WorkerOptionsCustomizer sluiceWorkerConcurrency(WorkerConcurrencyProperties concurrency) {
        return (builder, workerName, taskQueue) -> builder
                .setMaxConcurrentActivityExecutionSize(concurrency.activitiesFor(taskQueue))
                .setMaxConcurrentWorkflowTaskExecutionSize(concurrency.workflowTasks());
    }
}
