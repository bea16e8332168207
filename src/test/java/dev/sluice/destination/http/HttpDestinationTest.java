package dev.sluice.destination.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.sluice.common.DataInterval;
import dev.sluice.destination.ConnectionStep;
import dev.sluice.destination.DestinationRequest;
import dev.sluice.destination.DestinationUserException;
import dev.sluice.destination.ExportCheckpoint;
import dev.sluice.destination.ExportOutcome;
import dev.sluice.source.Cursor;
import dev.sluice.source.ExportModel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP destination against a real JDK HTTP server that answers with scripted statuses. */
class HttpDestinationTest {

    private static final String TOKEN = "phc_receiving-Token-42";
    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    private static final DataInterval INTERVAL = new DataInterval(START, START.plusSeconds(3600));
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer server;
    private final ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final HttpDestination destination = new HttpDestination(
            new HttpDelivery(2, 10L * 1024 * 1024, 3, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(5)));

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/batch", exchange -> {
            received.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
            Integer status = statuses.poll();
            int code = status == null ? 200 : status;
            byte[] body = (code == 200 ? "{\"status\": 1}" : "{\"detail\": \"scripted " + code + "\"}").getBytes(StandardCharsets.UTF_8);
            if (code == 429) {
                exchange.getResponseHeaders().add("Retry-After", "0");
            }
            exchange.sendResponseHeaders(code, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void aBatchAnswered429IsSentAgainAndThenDeliveredAsAPostHogBatch() {
        statuses.add(429);
        List<EventBatches.Event> events = events(2);
        List<ExportCheckpoint> checkpoints = new ArrayList<>();

        ExportOutcome outcome = write(events, 10, ExportCheckpoint.start(), checkpoints);

        assertThat(outcome.records()).isEqualTo(2);
        assertThat(received).hasSize(2);
        assertThat(received.get(1)).isEqualTo(received.get(0));
        JsonNode body = received.get(1);
        assertThat(body.get("api_key").asText()).isEqualTo(TOKEN);
        assertThat(body.get("historical_migration").asBoolean()).isTrue();
        JsonNode first = body.get("batch").get(0);
        assertThat(first.get("uuid").asText()).isEqualTo(events.get(0).uuid());
        assertThat(first.get("event").asText()).isEqualTo("event-0");
        assertThat(first.get("distinct_id").asText()).isEqualTo("user-0");
        assertThat(first.get("properties").get("n").asInt()).isZero();
        assertThat(Instant.parse(first.get("timestamp").asText())).isEqualTo(events.get(0).timestamp());
        assertThat(checkpoints).singleElement().satisfies(c -> {
            assertThat(c.records()).isEqualTo(2);
            assertThat(c.cursor().key()).isEqualTo(events.get(1).uuid());
        });
    }

    @Test
    void postsHoldAtMostTheEventLimitAndEachSourceBatchIsCheckpointedOnceAcknowledged() {
        List<EventBatches.Event> events = events(5);
        List<ExportCheckpoint> checkpoints = new ArrayList<>();

        ExportOutcome outcome = write(events, 3, ExportCheckpoint.start(), checkpoints);

        assertThat(received).extracting(b -> b.get("batch").size()).containsExactly(2, 1, 2);
        assertThat(received.stream().flatMap(b -> java.util.stream.StreamSupport.stream(b.get("batch").spliterator(), false))
                .map(e -> e.get("uuid").asText()).toList()).containsExactlyElementsOf(events.stream().map(EventBatches.Event::uuid).toList());
        assertThat(checkpoints).extracting(ExportCheckpoint::records).containsExactly(3L, 5L);
        assertThat(checkpoints).extracting(ExportCheckpoint::filesCompleted).containsExactly(2, 3);
        assertThat(outcome.records()).isEqualTo(5);
    }

    @Test
    void aResumedWriteCountsTheRecordsAcknowledgedBefore() {
        ExportCheckpoint before = new ExportCheckpoint(new Cursor(START, "x"), 4, 8, 1000, Map.of());

        ExportOutcome outcome = write(events(1), 10, before, new ArrayList<>());

        assertThat(outcome.records()).isEqualTo(9);
        assertThat(outcome.bytes()).isGreaterThan(1000);
    }

    @Test
    void a400IsAUserErrorNamingTheStatusAndIsNotRetried() {
        statuses.add(400);

        assertThatThrownBy(() -> write(events(1), 10, ExportCheckpoint.start(), new ArrayList<>()))
                .isInstanceOf(DestinationUserException.class)
                .hasMessageContaining("status 400")
                .hasMessageContaining("scripted 400")
                .hasMessageNotContaining(TOKEN);
        assertThat(received).hasSize(1);
    }

    @Test
    void anEndpointFailingEveryTryIsARetryableFailure() {
        statuses.add(503);
        statuses.add(502);
        statuses.add(500);

        assertThatThrownBy(() -> write(events(1), 10, ExportCheckpoint.start(), new ArrayList<>()))
                .isNotInstanceOf(DestinationUserException.class)
                .hasMessageContaining("status 500 on each of 3 tries");
        assertThat(received).hasSize(3);
    }

    @Test
    void thePersonsModelIsAUserError() {
        DestinationRequest request = new DestinationRequest(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), INTERVAL,
                ExportModel.PERSONS, config(), ExportCheckpoint.start());
        try (EventBatches rows = new EventBatches(events(1), 10)) {
            assertThatThrownBy(() -> destination.write(request, rows, c -> { }))
                    .isInstanceOf(DestinationUserException.class).hasMessageContaining("events only");
        }
        assertThat(received).isEmpty();
    }

    @Test
    void testingTheConnectionSendsAnEmptyBatchAndReportsARejectedToken() {
        statuses.add(400);
        List<ConnectionStep> accepted = destination.testConnection(config());
        assertThat(accepted).extracting(ConnectionStep::name).containsExactly("Check the URL", "Send an empty batch");
        assertThat(accepted).allSatisfy(s -> assertThat(s.passed()).isTrue());
        assertThat(received.get(0).get("batch")).isEmpty();

        statuses.add(401);
        List<ConnectionStep> rejected = destination.testConnection(config());
        assertThat(rejected.get(1).passed()).isFalse();
        assertThat(rejected.get(1).message()).contains("401").contains("token").doesNotContain(TOKEN);

        List<ConnectionStep> badUrl = destination.testConnection(Map.of("url", "ftp://nowhere", "token", TOKEN));
        assertThat(badUrl).extracting(ConnectionStep::passed).containsExactly(false, false);
    }

    private ExportOutcome write(List<EventBatches.Event> events, int batchSize, ExportCheckpoint from, List<ExportCheckpoint> checkpoints) {
        try (EventBatches rows = new EventBatches(events, batchSize)) {
            return destination.write(new DestinationRequest(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), INTERVAL,
                    ExportModel.EVENTS, config(), from), rows, checkpoints::add);
        }
    }

    private Map<String, Object> config() {
        return Map.of("url", "http://127.0.0.1:" + server.getAddress().getPort() + "/batch", "token", TOKEN);
    }

    private static List<EventBatches.Event> events(int n) {
        List<EventBatches.Event> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(new EventBatches.Event(UUID.randomUUID().toString(), "event-" + i, "user-" + i, "{\"n\": " + i + "}",
                    START.plusSeconds(i).plusNanos(123_000)));
        }
        return events;
    }
}
