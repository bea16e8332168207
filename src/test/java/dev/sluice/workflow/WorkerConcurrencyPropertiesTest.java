package dev.sluice.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class WorkerConcurrencyPropertiesTest {

    @Test
    void environmentVariablesSetEachQueuesActivityLimit() {
        WorkerConcurrencyProperties props = bind(Map.of("SLUICE_WORKER_EXPORT_ACTIVITIES", "7", "SLUICE_WORKER_BACKFILL_ACTIVITIES", "3"));
        assertThat(props.activitiesFor(TaskQueues.EXPORTS)).isEqualTo(7);
        assertThat(props.activitiesFor(TaskQueues.BACKFILLS)).isEqualTo(3);
        assertThat(props.workflowTasks()).isEqualTo(20);
    }

    @Test
    void aWorkerNeedsAtLeastOneActivityAndTwoWorkflowTaskSlots() {
        assertThatThrownBy(() -> new WorkerConcurrencyProperties(0, 1, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WorkerConcurrencyProperties(1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static WorkerConcurrencyProperties bind(Map<String, Object> variables) {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new SystemEnvironmentPropertySource("test-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        ConfigurationPropertySources.attach(env);
        return Binder.get(env).bindOrCreate("sluice.worker", WorkerConcurrencyProperties.class);
    }
}
