package dev.sluice.workflow;

import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import io.temporal.testserver.TestServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Temporal's in-process server on a real loopback port, in real time (no time skipping).
 * It keeps its state in memory; start-up reconciliation re-creates what a restart forgot.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = EmbeddedTemporalEnvironment.ENABLED, havingValue = "true")
class EmbeddedTemporalConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedTemporalConfiguration.class);

    @Bean(destroyMethod = "close")
    TestServer.PortBoundTestServer embeddedTemporalServer(@Value("${" + EmbeddedTemporalEnvironment.PORT + "}") int port) {
        TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(port, true);
        log.info("Embedded Temporal server on 127.0.0.1:{}", port);
        return server;
    }

    /** Makes the starter's service stubs wait for the embedded server to be listening. */
    @Bean
    TemporalOptionsCustomizer<WorkflowServiceStubsOptions.Builder> embeddedTemporalStubs(TestServer.PortBoundTestServer server) {
        return builder -> builder;
    }
}
