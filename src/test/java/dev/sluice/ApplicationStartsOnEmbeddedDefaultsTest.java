package dev.sluice;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

@SluiceIntegrationTest
class ApplicationStartsOnEmbeddedDefaultsTest {

    @Autowired
    TestRestTemplate http;

    @Autowired
    DataSource dataSource;

    @Autowired
    WorkflowClient temporal;

    @Test
    void healthIsUpWithTheEmbeddedDatabaseAndTemporalServer() {
        var response = http.getForEntity("/actuator/health", String.class);
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getBody()).contains("\"status\":\"UP\"");
    }

    @Test
    void flywayCreatedTheEventStoreInTheEmbeddedDatabase() {
        Integer tables = new JdbcTemplate(dataSource).queryForObject(
                "select count(*) from information_schema.tables where table_name in ('events', 'batch_exports', 'batch_export_runs')",
                Integer.class);
        assertThat(tables).isEqualTo(3);
    }

    @Test
    void theTemporalClientTalksToTheInProcessServer() {
        var namespace = temporal.getWorkflowServiceStubs().blockingStub()
                .describeNamespace(io.temporal.api.workflowservice.v1.DescribeNamespaceRequest.newBuilder()
                        .setNamespace("default").build());
        assertThat(namespace.getNamespaceInfo().getName()).isEqualTo("default");
    }
}
