package dev.sluice.destination.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.SluiceIntegrationTest;
import dev.sluice.TestApi;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** An S3 export made through the REST API, backfilled into s3proxy by the real workflows. */
@SluiceIntegrationTest
class S3ExportEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static S3ProxyServer s3;

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    @BeforeAll
    static void startS3() {
        s3 = S3ProxyServer.start();
    }

    @AfterAll
    static void stopS3() {
        s3.close();
    }

    @Test
    void aBackfillExportsEveryDemoEventIntoTheBucketExactlyOnce() throws IOException {
        TestApi api = TestApi.admin(port);
        TestApi.Response project = api.post("/api/projects", Map.of("name", "s3 e2e " + UUID.randomUUID()));
        assertThat(project.status()).isEqualTo(201);
        String pid = project.body().get("id").asText();
        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Instant start = end.minus(2, ChronoUnit.HOURS);
        TestApi.Response demo = api.post("/api/projects/" + pid + "/demo_data", Map.of(
                "start_at", start.toString(), "end_at", end.toString(), "events_per_hour", 200, "seed", 7));
        assertThat(demo.status()).isEqualTo(201);
        String bucket = s3.createBucket("e2e-" + UUID.randomUUID().toString().substring(0, 8));
        Map<String, Object> config = s3.config(bucket);
        config.put("prefix", "sluice/{table}/{year}-{month}-{day}");
        config.put("compression", "gzip");
        config.put("encryption", "AES256");

        Map<String, Object> invalid = s3.config(bucket);
        invalid.put("encryption", "rot13");
        TestApi.Response refused = api.post("/api/projects/" + pid + "/batch_exports", Map.of("name", "Invalid", "interval", "hour",
                "destination", Map.of("type", "S3", "config", invalid)));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text()).contains("destination.config.encryption");

        TestApi.Response export = api.post("/api/projects/" + pid + "/batch_exports", Map.of("name", "Hourly S3", "interval", "hour",
                "destination", Map.of("type", "S3", "config", config)));
        assertThat(export.status()).isEqualTo(201);
        assertThat(export.body().get("destination").get("config").has("aws_secret_access_key")).isFalse();
        String exportPath = "/api/projects/" + pid + "/batch_exports/" + export.body().get("id").asText();

        TestApi.Response test = api.post(exportPath + "/run_test_step");
        assertThat(test.status()).isEqualTo(200);
        assertThat(test.body().get("steps")).allSatisfy(step -> assertThat(step.get("result").asText()).as(step.toString()).isEqualTo("passed"));

        TestApi.Response backfill = api.post(exportPath + "/backfills", Map.of("start_at", start.toString(), "end_at", end.toString()));
        assertThat(backfill.status()).isEqualTo(201);
        String backfillPath = exportPath + "/backfills/" + backfill.body().get("id").asText();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(api.get(backfillPath).body().get("status").asText()).isEqualTo("Completed"));

        JsonNode runs = api.get(exportPath + "/runs").body().get("results");
        assertThat(runs).hasSize(2).allSatisfy(run -> {
            assertThat(run.get("status").asText()).isEqualTo("Completed");
            assertThat(run.get("records_completed").asLong()).isEqualTo(200);
        });
        List<String> keys = s3.keys(bucket);
        assertThat(keys).filteredOn(k -> k.endsWith("/manifest.json")).hasSize(2);
        List<String> exported = new ArrayList<>();
        for (String key : keys) {
            if (key.endsWith(".jsonl.gz")) {
                assertThat(key).matches("sluice/events/\\d{4}-\\d\\d-\\d\\d/\\d{8}T\\d{6}Z_\\d{8}T\\d{6}Z/part-00000\\.jsonl\\.gz");
                exported.addAll(uuids(s3.bytes(bucket, key)));
            }
        }
        List<String> stored = new JdbcTemplate(dataSource).queryForList("select uuid::text from events where project_id = ?::uuid", String.class, pid);
        assertThat(exported).hasSize(400).doesNotHaveDuplicates();
        assertThat(new HashSet<>(exported)).isEqualTo(new HashSet<>(stored));
    }

    private static List<String> uuids(byte[] gzipped) throws IOException {
        List<String> uuids = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(new ByteArrayInputStream(gzipped)),
                StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                uuids.add(JSON.readTree(line).get("uuid").asText());
            }
        }
        return uuids;
    }
}
