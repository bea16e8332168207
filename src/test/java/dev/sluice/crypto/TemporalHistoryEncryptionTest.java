package dev.sluice.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.Message;
import dev.sluice.SluiceIntegrationTest;
import dev.sluice.TestApi;
import io.temporal.api.common.v1.Header;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.SearchAttributes;
import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.MarkerRecordedEventAttributes;
import io.temporal.client.WorkflowClient;
import java.nio.charset.StandardCharsets;
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
            String stored = new String(history.toByteArray(), StandardCharsets.ISO_8859_1);
            assertThat(stored).as(workflowId).doesNotContain(secretPath, "$pageview", "shop.example.com");

            List<Payload> payloads = new ArrayList<>();
            List<String> searchAttributes = new ArrayList<>();
            List<Payload> headers = new ArrayList<>();
            collectPayloads(history, payloads, searchAttributes, headers);
            assertThat(searchAttributes).as(workflowId).allMatch(name -> name.startsWith("Temporal"));
            assertThat(headers).as(workflowId).allMatch(h -> h.getData().toStringUtf8().equals("{}"));
            assertThat(payloads).as(workflowId).isNotEmpty();
            for (Payload payload : payloads) {
                assertThat(payload.getMetadataMap().get("encoding").toStringUtf8()).as(payload.toString()).isEqualTo("binary/encrypted");
                assertThat(payload.getMetadataMap()).containsKey("encryption-key-id");
                assertThat(new String(payload.toByteArray(), StandardCharsets.ISO_8859_1)).doesNotContain(exportId);
            }
        }
    }

    /**
     * Every payload in the history, except search attributes, version markers and headers: the server
     * must read search attributes to index them, and the SDK writes them, version markers and the
     * tracing header with its own converter. They hold only change ids, version numbers
     * ({@code Workflow.getVersion}) and an empty tracing context, never Sluice's data.
     */
    private static void collectPayloads(Object value, List<Payload> into, List<String> searchAttributes, List<Payload> headers) {
        if (value instanceof SearchAttributes attributes) {
            searchAttributes.addAll(attributes.getIndexedFieldsMap().keySet());
        } else if (value instanceof MarkerRecordedEventAttributes marker && marker.getMarkerName().equals("Version")) {
            searchAttributes.add("TemporalVersionMarker");
        } else if (value instanceof Header header) {
            headers.addAll(header.getFieldsMap().values());
        } else if (value instanceof Payload payload) {
            into.add(payload);
        } else if (value instanceof Message message) {
            message.getAllFields().values().forEach(v -> collectPayloads(v, into, searchAttributes, headers));
        } else if (value instanceof List<?> list) {
            list.forEach(v -> collectPayloads(v, into, searchAttributes, headers));
        }
    }
}
