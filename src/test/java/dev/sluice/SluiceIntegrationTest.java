package dev.sluice;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application on embedded defaults — embedded PostgreSQL, the in-process Temporal server
 * on a real port, real HTTP on a random port — with a fresh data dir. Tests with this annotation
 * share one context, so each test creates the projects and exports it needs.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"SLUICE_ADMIN_EMAIL=admin@sluice.test", "SLUICE_ADMIN_PASSWORD=admin-password-1"})
@ContextConfiguration(initializers = TemporaryDataDir.class)
public @interface SluiceIntegrationTest {
}
