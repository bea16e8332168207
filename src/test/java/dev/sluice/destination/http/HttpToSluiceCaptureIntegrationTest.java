package dev.sluice.destination.http;

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
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** An HTTP export of one project delivers its events to Sluice's own {@code /batch} endpoint of a second project. */
@SluiceIntegrationTest
class HttpToSluiceCaptureIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @Test
    void aBackfillDeliversEveryEventToTheReceivingProjectOnceWithItsUuidAlsoAfterARetriedRun() {
        TestApi api = TestApi.admin(port);
        String source = api.createProject("http source");
        String receiver = api.createProject("http receiver");
        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Instant start = end.minus(2, ChronoUnit.HOURS);
        TestApi.Response demo = api.post("/api/projects/" + source + "/demo_data", Map.of(
                "start_at", start.toString(), "end_at", end.toString(), "events_per_hour", 120, "seed", 7));
        assertThat(demo.status()).as(demo.text()).isEqualTo(201);

        TestApi.Response export = api.post("/api/projects/" + source + "/batch_exports", Map.of(
                "name", "To the receiver", "interval", "hour",
                "destination", Map.of("type", "HTTP", "config", Map.of(
                        "url", "http://127.0.0.1:" + port + "/batch", "token", api.apiToken(receiver)))));
        assertThat(export.status()).as(export.text()).isEqualTo(201);
        assertThat(export.body().get("destination").get("config").has("token")).isFalse();
        String exportPath = "/api/projects/" + source + "/batch_exports/" + export.body().get("id").asText();

        TestApi.Response steps = api.post(exportPath + "/run_test_step");
        assertThat(steps.status()).as(steps.text()).isEqualTo(200);
        assertThat(steps.body().get("steps")).allSatisfy(s -> assertThat(s.get("result").asText()).as(s.toString()).isEqualTo("passed"));

        TestApi.Response backfill = api.post(exportPath + "/backfills", Map.of("start_at", start.toString(), "end_at", end.toString()));
        assertThat(backfill.status()).as(backfill.text()).isEqualTo(201);
        String backfillPath = exportPath + "/backfills/" + backfill.body().get("id").asText();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(api.get(backfillPath).body().get("status").asText()).isEqualTo("Completed"));

        List<String> sent = uuids(source);
        assertThat(sent).hasSize(240);
        assertThat(uuids(receiver)).hasSize(240).doesNotHaveDuplicates();
        assertThat(new HashSet<>(uuids(receiver))).isEqualTo(new HashSet<>(sent));

        JsonNode runs = api.get(exportPath + "/runs").body().get("results");
        assertThat(runs).hasSize(2).allSatisfy(r -> assertThat(r.get("records_completed").asLong()).isEqualTo(120));
        TestApi.Response retry = api.post(exportPath + "/runs/" + runs.get(0).get("id").asText() + "/retry");
        assertThat(retry.status()).as(retry.text()).isEqualTo(200);
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode all = api.get(exportPath + "/runs").body().get("results");
            assertThat(all).hasSize(3).allSatisfy(r -> assertThat(r.get("status").asText()).isEqualTo("Completed"));
        });

        assertThat(uuids(receiver)).hasSize(240).doesNotHaveDuplicates();
        assertThat(new HashSet<>(uuids(receiver))).isEqualTo(new HashSet<>(sent));
        assertThat(new JdbcTemplate(dataSource).queryForObject("select count(*) from events a join events b on a.uuid = b.uuid"
                + " where a.project_id = ?::uuid and b.project_id = ?::uuid and a.event = b.event and a.distinct_id = b.distinct_id"
                + " and a.timestamp = b.timestamp and a.properties = b.properties", Long.class, source, receiver)).isEqualTo(240);
    }

    private List<String> uuids(String project) {
        return new JdbcTemplate(dataSource).queryForList("select uuid::text from events where project_id = ?::uuid", String.class, project);
    }
}
