package dev.sluice.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class RolesAndLogFormatTest {

    @Test
    void aProcessHasBothRolesUnlessToldOtherwise() {
        SluiceRoles roles = SluiceRoles.of(environment(Map.of()));
        assertThat(roles.web()).isTrue();
        assertThat(roles.worker()).isTrue();
    }

    @Test
    void theRolesVariableTakesOneRoleOrACommaSeparatedList() {
        assertThat(SluiceRoles.of(environment(Map.of("SLUICE_ROLES", "web"))).roles()).containsExactly(Role.WEB);
        assertThat(SluiceRoles.of(environment(Map.of("SLUICE_ROLES", "worker"))).roles()).containsExactly(Role.WORKER);
        assertThat(SluiceRoles.of(environment(Map.of("SLUICE_ROLES", " Web , worker "))).roles()).containsExactlyInAnyOrder(Role.WEB, Role.WORKER);
    }

    @Test
    void anUnknownOrEmptyRoleStopsTheStart() {
        assertThatThrownBy(() -> SluiceRoles.parse(List.of("web", "scheduler")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'scheduler'");
        assertThatThrownBy(() -> SluiceRoles.parse(List.of(" ")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one");
    }

    @Test
    void aWebOnlyProcessTellsTheTemporalStarterNotToStartWorkers() {
        StandardEnvironment web = environment(Map.of("SLUICE_ROLES", "web"));
        new RolesEnvironment().postProcessEnvironment(web, new SpringApplication());
        assertThat(web.getProperty("spring.temporal.start-workers")).isEqualTo("false");

        StandardEnvironment worker = environment(Map.of("SLUICE_ROLES", "worker"));
        new RolesEnvironment().postProcessEnvironment(worker, new SpringApplication());
        assertThat(worker.getProperty("spring.temporal.start-workers")).isNull();
    }

    @Test
    void jsonLogsAreSpringBootsStructuredEcsFormatOnTheConsole() {
        StandardEnvironment env = environment(Map.of("SLUICE_LOG_FORMAT", "json"));
        new LogFormatEnvironment().postProcessEnvironment(env, new SpringApplication());
        assertThat(env.getProperty("logging.structured.format.console")).isEqualTo("ecs");
        assertThat(LogFormatEnvironment.structuredFormat("logstash")).isEqualTo("logstash");
        assertThat(LogFormatEnvironment.structuredFormat("text")).isNull();
        assertThatThrownBy(() -> LogFormatEnvironment.structuredFormat("xml")).isInstanceOf(IllegalArgumentException.class);
    }

    private static StandardEnvironment environment(Map<String, Object> variables) {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        env.getPropertySources().addFirst(new SystemEnvironmentPropertySource("test-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        return env;
    }
}
