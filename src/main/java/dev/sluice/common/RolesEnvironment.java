package dev.sluice.common;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Turns {@code sluice.roles} into the Temporal starter's settings: without the worker role the
 * starter registers the workflows and activities but never starts its worker factory, so the
 * process polls no task queue.
 */
class RolesEnvironment implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        SluiceRoles roles = SluiceRoles.of(env);
        if (!roles.worker()) {
            env.getPropertySources().addFirst(new MapPropertySource("sluiceRoles", Map.of("spring.temporal.start-workers", "false")));
        }
    }
}
