package dev.sluice.destination.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.SluiceIntegrationTest;
import dev.sluice.TestApi;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** An hourly Postgres export, through the REST API, into a real PostgreSQL warehouse. */
@SluiceIntegrationTest
class PostgresExportIntegrationTest {

    private static WarehousePostgres warehouse;

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @BeforeAll
    static void startWarehouse() {
        warehouse = WarehousePostgres.start();
    }

    @AfterAll
    static void stopWarehouse() throws Exception {
        warehouse.close();
    }

    @Test
    void aBackfillHoldsEveryDemoEventOnceAlsoAfterOneOfItsRunsIsRetried() {
        TestApi api = TestApi.admin(port);
        String project = api.createProject("postgres export");
        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Instant start = end.minus(2, ChronoUnit.HOURS);
        assertThat(api.post("/api/projects/" + project + "/demo_data", Map.of("start_at", start.toString(), "end_at", end.toString(),
                "events_per_hour", 150, "seed", 3)).status()).isEqualTo(201);
        String table = "events_" + UUID.randomUUID().toString().substring(0, 8);

        TestApi.Response export = api.post("/api/projects/" + project + "/batch_exports", Map.of(
                "name", "Warehouse", "interval", "hour",
                "destination", Map.of("type", "Postgres", "config", warehouse.config(table, Map.of()))));
        assertThat(export.status()).as(export.text()).isEqualTo(201);
        assertThat(export.body().get("destination").get("config").has("password")).isFalse();
        String exportPath = "/api/projects/" + project + "/batch_exports/" + export.body().get("id").asText();

        TestApi.Response backfill = api.post(exportPath + "/backfills", Map.of("start_at", start.toString(), "end_at", end.toString()));
        assertThat(backfill.status()).as(backfill.text()).isEqualTo(201);
        String backfillPath = exportPath + "/backfills/" + backfill.body().get("id").asText();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(api.get(backfillPath).body().get("status").asText()).isEqualTo("Completed"));
        assertExactlyTheSourceEvents(project, table);

        JsonNode runs = api.get(exportPath + "/runs").body().get("results");
        assertThat(runs).hasSize(2).allSatisfy(r -> assertThat(r.get("records_completed").asLong()).isEqualTo(150));
        TestApi.Response retry = api.post(exportPath + "/runs/" + runs.get(1).get("id").asText() + "/retry");
        assertThat(retry.status()).as(retry.text()).isEqualTo(200);
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(api.get(exportPath + "/runs").body().get("results")).hasSize(3)
                        .allSatisfy(r -> assertThat(r.get("status").asText()).isEqualTo("Completed")));
        assertExactlyTheSourceEvents(project, table);
    }

    @Test
    void aWrongPasswordFailsTheTestStepWithAMessageThatOmitsIt() {
        TestApi api = TestApi.admin(port);
        String project = api.createProject("postgres wrong password");
        String wrong = "Not-The-Password-5521";

        TestApi.Response tested = api.post("/api/projects/" + project + "/batch_exports/test", Map.of(
                "name", "Warehouse", "interval", "hour",
                "destination", Map.of("type", "Postgres", "config", warehouse.config("events", Map.of("password", wrong)))));

        assertThat(tested.status()).as(tested.text()).isEqualTo(200);
        JsonNode connect = tested.body().get("steps").get(0);
        assertThat(connect.get("name").asText()).isEqualTo("Connect");
        assertThat(connect.get("result").asText()).isEqualTo("failed");
        assertThat(connect.get("message").asText()).contains("check the user name and password");
        assertThat(tested.text()).doesNotContain(wrong);
    }

    private void assertExactlyTheSourceEvents(String project, String table) {
        List<String> source = new JdbcTemplate(dataSource).queryForList("select uuid::text from events where project_id = ?::uuid",
                String.class, project);
        List<String> exported = warehouse.jdbc().queryForList("select uuid::text from public." + table, String.class);
        assertThat(source).hasSize(300);
        assertThat(exported).hasSize(300).doesNotHaveDuplicates();
        assertThat(new HashSet<>(exported)).isEqualTo(new HashSet<>(source));
    }
}
