package dev.sluice.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.SluiceIntegrationTest;
import dev.sluice.TestApi;
import io.temporal.api.history.v1.History;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** What the Temporal server stores of a real backfill: encrypted payloads only, no secret, no event data. */
@SluiceIntegrationTest
class TemporalHistoryEncryptionTest {

    @LocalServerPort
    int port;

    @Autowired
    WorkflowClient temporal;

    @Autowired
    DataSource dataSource;

    @Test
    void theHistoriesOfABackfillAndItsRunsHoldNoSecretAndNoPlaintextPayload() {
        TestApi api = TestApi.admin(port);
        String pid = api.createProject("history encryption");
        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Instant start = end.minus(2, ChronoUnit.HOURS);
        assertThat(api.post("/api/projects/" + pid + "/demo_data", Map.of("start_at", start.toString(), "end_at", end.toString(),
                "events_per_hour", 20, "seed", 7)).status()).isEqualTo(201);
        String secretPath = "planted-secret-" + UUID.randomUUID();
        TestApi.Response export = api.post("/api/projects/" + pid + "/batch_exports", Map.of("name", "encrypted history",
                "interval", "hour", "destination", Map.of("type", "Files", "config", Map.of("path", secretPath))));
        assertThat(export.status()).isEqualTo(201);
        String exportId = export.body().get("id").asText();
        String exportPath = "/api/projects/" + pid + "/batch_exports/" + exportId;
        TestApi.Response backfill = api.post(exportPath + "/backfills", Map.of("start_at", start.toString(), "end_at", end.toString()));
        assertThat(backfill.status()).isEqualTo(201);
        String backfillPath = exportPath + "/backfills/" + backfill.body().get("id").asText();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(api.get(backfillPath).body().get("status").asText()).isEqualTo("Completed"));
        assertThat(api.get(exportPath + "/runs").body().get("results").findValuesAsText("records_completed"))
                .containsExactly("20", "20");

        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        List<String> workflowIds = new ArrayList<>(jdbc.queryForList(
                "select workflow_id from batch_export_runs where batch_export_id = ?::uuid", String.class, exportId));
        workflowIds.addAll(jdbc.queryForList(
                "select workflow_id from batch_export_backfills where batch_export_id = ?::uuid", String.class, exportId));
        assertThat(workflowIds).hasSize(3);

        for (String workflowId : workflowIds) {
            History history = temporal.fetchHistory(workflowId).getHistory();
            WorkflowHistoryChecks.assertEncrypted(history, workflowId, List.of(secretPath, "$pageview", "shop.example.com"), List.of(exportId));
        }
    }
}
