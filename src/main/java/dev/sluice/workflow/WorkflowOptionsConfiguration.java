package dev.sluice.workflow;

import io.temporal.spring.boot.TemporalOptionsCustomizer;
import io.temporal.worker.WorkflowImplementationOptions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Hands the activity options of {@link ActivityOptionsPolicy} to every workflow implementation the starter registers. */
@Configuration(proxyBeanMethods = false)
class WorkflowOptionsConfiguration {

    @Bean
    TemporalOptionsCustomizer<WorkflowImplementationOptions.Builder> sluiceActivityOptions(WorkflowProperties props) {
        return builder -> ActivityOptionsPolicy.apply(builder, props);
    }
}
