package dev.sluice.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.SluiceIntegrationTest;
import dev.sluice.TestApi;
import dev.sluice.destination.postgres.WarehousePostgres;
import dev.sluice.destination.s3.S3ProxyServer;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.StreamSupport;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The fault-injection suite through the whole application: a destination — a PostgreSQL warehouse,
 * an HTTP receiver, an S3 endpoint — is unavailable for a while, then back. The run is retried by
 * the real workflow (short backoffs here), each failed attempt is in the export's log, and the
 * destination ends up with exactly the source's events, each once.
 */
@SluiceIntegrationTest
@TestPropertySource(properties = {
        "sluice.workflow.export-max-attempts=" + DestinationOutageEndToEndTest.MAX_ATTEMPTS,
        "sluice.workflow.export-initial-interval=1s",
        "sluice.workflow.export-max-interval=2s",
        "sluice.workflow.export-heartbeat-timeout=10s"})
class DestinationOutageEndToEndTest {

    static final int MAX_ATTEMPTS = 4;
    private static final int EVENTS = 120;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static WarehousePostgres warehouse;
    private static FlakyPort warehousePort;
    private static S3ProxyServer s3;
    private static FlakyPort s3Port;

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    private TestApi api;
    private String project;
    private String exportPath;

    @BeforeAll
    static void startDestinations() {
        warehouse = WarehousePostgres.start();
        warehousePort = FlakyPort.inFrontOf(warehouse.port());
        s3 = S3ProxyServer.start();
        s3Port = FlakyPort.inFrontOf(s3.endpoint().getPort());
    }

    @AfterAll
    static void stopDestinations() throws IOException {
        warehousePort.close();
        warehouse.close();
        s3Port.close();
        s3.close();
    }

    @Test
    void aWarehouseRefusingConnectionsForTwoAttemptsIsRetriedUntilItIsBackAndHoldsEachEventOnce() {
        String table = "outage_" + UUID.randomUUID().toString().substring(0, 8);

        runThroughAnOutageOf(warehousePort, "Postgres", warehouseConfig(table));

        assertEachSourceEventOnce(warehouseUuids(table));
    }

    @Test
    void aWarehouseDownLongerThanTheRetryLimitEndsFailedRetryableAndARetryThroughTheApiHoldsEachEventOnce() {
        String table = "outage_" + UUID.randomUUID().toString().substring(0, 8);
        warehousePort.down();
        JsonNode run = backfillOneHourTo("Postgres", warehouseConfig(table));

        JsonNode failed = awaitRun(run, "FailedRetryable");
        assertThat(failed.get("latest_error").asText()).isNotBlank();
        assertThat(failedAttempts(run)).hasSize(MAX_ATTEMPTS).last().asString().endsWith("No attempts are left.");

        warehousePort.up();
        TestApi.Response retry = api.post(exportPath + "/runs/" + run.get("id").asText() + "/retry");
        assertThat(retry.status()).as(retry.text()).isEqualTo(200);
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(runs()).anySatisfy(r -> {
                    assertThat(r.get("status").asText()).isEqualTo("Completed");
                    assertThat(r.get("records_completed").asLong()).isEqualTo(EVENTS);
                }));
        assertEachSourceEventOnce(warehouseUuids(table));
    }

    @Test
    void anHttpReceiverAnswering503ForSixPostsThen200GetsEachEventOnce() {
        try (FlakyReceiver receiver = FlakyReceiver.unavailableFor(6)) {
            JsonNode run = backfillOneHourTo("HTTP", Map.of("url", receiver.url(), "token", "phc_outage_test_token"));

            JsonNode completed = awaitRun(run, "Completed");

            assertThat(completed.get("records_completed").asLong()).isEqualTo(EVENTS);
            assertThat(receiver.refused).hasValue(6);
            assertThat(failedAttempts(run)).singleElement().asString().contains("answered with status 503 on each of 4 tries");
            assertEachSourceEventOnce(receiver.uuids);
        }
    }

    @Test
    void anS3EndpointDownForTwoAttemptsIsRetriedUntilItIsBackAndTheBucketHoldsEachEventOnce() {
        String bucket = s3.createBucket("outage-" + UUID.randomUUID().toString().substring(0, 8));
        Map<String, Object> config = s3.config(bucket);
        config.put("endpoint_url", URI.create("http://127.0.0.1:" + s3Port.port()).toString());

        runThroughAnOutageOf(s3Port, "S3", config);

        assertEachSourceEventOnce(bucketUuids(bucket));
    }

    /**
     * Backfills an hour to the destination behind {@code port} while the port is down, brings it back
     * once two attempts failed, and checks the run completes with every failed attempt in its log.
     */
    private void runThroughAnOutageOf(FlakyPort port, String type, Map<String, Object> config) {
        port.down();
        JsonNode run = backfillOneHourTo(type, config);

        awaitFailedAttempts(run, 2);
        port.up();

        JsonNode completed = awaitRun(run, "Completed");
        assertThat(completed.get("records_completed").asLong()).isEqualTo(EVENTS);
        assertFailedAttemptsLoggedInOrder(run);
    }

    /** A project with an hour of demo events and an export to the destination; backfills that hour and returns its run. */
    private JsonNode backfillOneHourTo(String type, Map<String, Object> config) {
        api = TestApi.admin(port);
        project = api.createProject("outage " + type);
        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(1, ChronoUnit.HOURS);
        Instant start = end.minus(1, ChronoUnit.HOURS);
        assertThat(api.post("/api/projects/" + project + "/demo_data", Map.of("start_at", start.toString(), "end_at", end.toString(),
                "events_per_hour", EVENTS, "seed", 11)).status()).isEqualTo(201);
        TestApi.Response export = api.post("/api/projects/" + project + "/batch_exports", Map.of("name", "Outage " + type,
                "interval", "hour", "destination", Map.of("type", type, "config", config)));
        assertThat(export.status()).as(export.text()).isEqualTo(201);
        exportPath = "/api/projects/" + project + "/batch_exports/" + export.body().get("id").asText();
        TestApi.Response backfill = api.post(exportPath + "/backfills", Map.of("start_at", start.toString(), "end_at", end.toString()));
        assertThat(backfill.status()).as(backfill.text()).isEqualTo(201);
        return await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200)).until(
                () -> runs().isEmpty() ? null : runs().get(0), r -> r != null);
    }

    private List<JsonNode> runs() {
        return StreamSupport.stream(api.get(exportPath + "/runs").body().get("results").spliterator(), false).toList();
    }

    private JsonNode awaitRun(JsonNode run, String status) {
        String id = run.get("id").asText();
        return await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(
                () -> runs().stream().filter(r -> r.get("id").asText().equals(id)).findFirst().orElseThrow(),
                r -> r.get("status").asText().equals(status));
    }

    private void awaitFailedAttempts(JsonNode run, int attempts) {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() -> failedAttempts(run).size() >= attempts);
    }

    /** The run's log lines of failed attempts, oldest first. */
    private List<String> failedAttempts(JsonNode run) {
        JsonNode logs = api.get(exportPath + "/logs?run_id=" + run.get("id").asText() + "&limit=100").body().get("results");
        List<JsonNode> lines = new ArrayList<>();
        logs.forEach(lines::add);
        return lines.stream()
                .sorted((a, b) -> a.get("timestamp").asText().compareTo(b.get("timestamp").asText()))
                .map(line -> line.get("message").asText())
                .filter(message -> message.matches("Attempt \\d+ of " + MAX_ATTEMPTS + " failed: .*"))
                .toList();
    }

    /** Attempt 1, 2, … each failed once, in order, and a later attempt completed the run. */
    private void assertFailedAttemptsLoggedInOrder(JsonNode run) {
        List<String> failed = failedAttempts(run);
        assertThat(failed).hasSizeBetween(2, MAX_ATTEMPTS - 1);
        for (int i = 0; i < failed.size(); i++) {
            assertThat(failed.get(i)).startsWith("Attempt " + (i + 1) + " of " + MAX_ATTEMPTS + " failed: ").endsWith("It will be retried.");
        }
    }

    private void assertEachSourceEventOnce(List<String> exported) {
        List<String> source = new JdbcTemplate(dataSource).queryForList("select uuid::text from events where project_id = ?::uuid",
                String.class, project);
        assertThat(source).hasSize(EVENTS);
        assertThat(exported).hasSize(EVENTS).doesNotHaveDuplicates();
        assertThat(Set.copyOf(exported)).isEqualTo(Set.copyOf(source));
    }

    private Map<String, Object> warehouseConfig(String table) {
        return warehouse.config(table, Map.of("port", warehousePort.port()));
    }

    private static List<String> warehouseUuids(String table) {
        return warehouse.jdbc().queryForList("select uuid::text from public." + table, String.class);
    }

    private static List<String> bucketUuids(String bucket) {
        List<String> uuids = new ArrayList<>();
        for (String key : s3.keys(bucket)) {
            if (!key.endsWith(".jsonl")) {
                continue;
            }
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(s3.bytes(bucket, key)),
                    StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    uuids.add(JSON.readTree(line).get("uuid").asText());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return uuids;
    }
}
