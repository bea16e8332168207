package dev.sluice.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.SluiceIntegrationTest;
import dev.sluice.TestApi;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

@SluiceIntegrationTest
class CaptureApiTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    TestApi capture;
    String pid;
    String token;

    @BeforeEach
    void project() {
        TestApi admin = TestApi.admin(port);
        pid = admin.createProject("capture");
        token = admin.apiToken(pid);
        capture = TestApi.anonymous(port);
    }

    private long stored() {
        return jdbc.queryForObject("select count(*) from events where project_id = ?::uuid", Long.class, pid);
    }

    private static Map<String, Object> event(String name, String distinctId) {
        return new HashMap<>(Map.of("event", name, "distinct_id", distinctId, "properties", Map.of("$browser", "Firefox")));
    }

    @Test
    void aBatchIsStoredWithTheGivenFieldsAndTheServersInsertionTime() {
        String uuid = UUID.randomUUID().toString();
        Map<String, Object> withAll = event("$pageview", "user-1");
        withAll.put("uuid", uuid);
        withAll.put("timestamp", "2026-05-01T12:30:00+02:00");
        withAll.put("properties", Map.of("$current_url", "https://example.com/a", "nested", Map.of("n", 1)));
        Map<String, Object> minimal = event("signed_up", "user-2");
        minimal.remove("properties");
        Instant before = Instant.now();

        TestApi.Response r = capture.post("/batch", Map.of("api_key", token, "batch", List.of(withAll, minimal, event("e3", "user-3"))));

        Instant after = Instant.now();
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(r.body().get("status").asInt()).isEqualTo(1);
        assertThat(stored()).isEqualTo(3);
        Map<String, Object> row = jdbc.queryForMap("select event, distinct_id, properties::text as properties, timestamp, inserted_at"
                + " from events where project_id = ?::uuid and uuid = ?::uuid", pid, uuid);
        assertThat(row.get("event")).isEqualTo("$pageview");
        assertThat(row.get("distinct_id")).isEqualTo("user-1");
        assertThat((String) row.get("properties")).contains("\"$current_url\": \"https://example.com/a\"").contains("\"nested\": {\"n\": 1}");
        assertThat(((Timestamp) row.get("timestamp")).toInstant()).isEqualTo(Instant.parse("2026-05-01T10:30:00Z"));
        assertThat(((Timestamp) row.get("inserted_at")).toInstant()).isBetween(before.minusMillis(1), after.plusMillis(1));

        Map<String, Object> defaulted = jdbc.queryForMap("select uuid, properties::text as properties, timestamp, inserted_at"
                + " from events where project_id = ?::uuid and event = 'signed_up'", pid);
        assertThat(defaulted.get("uuid")).isNotNull();
        assertThat(defaulted.get("properties")).isEqualTo("{}");
        assertThat(defaulted.get("timestamp")).isEqualTo(defaulted.get("inserted_at"));
    }

    @Test
    void aBatchWithOneBadEventStoresNothingAndNamesTheEventAndField() {
        Map<String, Object> bad = event("e", "x");
        bad.remove("distinct_id");

        TestApi.Response r = capture.post("/batch", Map.of("api_key", token, "batch",
                List.of(event("a", "1"), event("b", "2"), event("c", "3"), bad, event("d", "4"))));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().get("type").asText()).isEqualTo("validation_error");
        assertThat(r.body().get("attr").asText()).isEqualTo("batch[3].distinct_id");
        assertThat(r.body().get("detail").asText()).isEqualTo("batch[3].distinct_id is required.");
        assertThat(stored()).isZero();
    }

    @Test
    void everyFieldOfEveryEventIsValidated() {
        assertRejected(Map.of("event", "", "distinct_id", "d"), "batch[1].event");
        assertRejected(Map.of("event", 42, "distinct_id", "d"), "batch[1].event");
        assertRejected(Map.of("event", "e", "distinct_id", List.of("d")), "batch[1].distinct_id");
        assertRejected(Map.of("event", "e", "distinct_id", "d", "properties", "plain"), "batch[1].properties");
        assertRejected(Map.of("event", "e", "distinct_id", "d", "timestamp", "yesterday"), "batch[1].timestamp");
        assertRejected(Map.of("event", "e", "distinct_id", "d", "uuid", "not-a-uuid"), "batch[1].uuid");
        assertRejected(Map.of("event", "e".repeat(401), "distinct_id", "d"), "batch[1].event");
        assertRejected(Map.of("event", "e", "distinct_id", "d", "properties", Map.of("$set", "plan")), "batch[1].properties.$set");
        assertRejected(Map.of("event", "e", "distinct_id", "d", "properties", Map.of("$set_once", List.of(1))),
                "batch[1].properties.$set_once");
        assertRejected(Map.of("event", "$identify", "distinct_id", "d", "properties", Map.of("$anon_distinct_id", 7)),
                "batch[1].properties.$anon_distinct_id");
        assertThat(stored()).isZero();
        assertThat(jdbc.queryForObject("select count(*) from persons where project_id = ?::uuid", Long.class, pid)).isZero();

        TestApi.Response notAList = capture.post("/batch", Map.of("api_key", token, "batch", "events"));
        assertThat(notAList.body().get("attr").asText()).isEqualTo("batch");
        TestApi.Response empty = capture.post("/batch", Map.of("api_key", token, "batch", List.of()));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body().get("attr").asText()).isEqualTo("batch");
        TestApi.Response malformed = capture.post("/batch", "{\"api_key\": \"" + token + "\", \"batch\": [{\"event\": }]}");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body().get("detail").asText()).contains("not valid JSON");
    }

    private void assertRejected(Map<String, Object> badEvent, String attr) {
        TestApi.Response r = capture.post("/batch", Map.of("api_key", token, "batch", List.of(event("ok", "1"), badEvent)));
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.body().get("attr").asText()).isEqualTo(attr);
        assertThat(r.body().get("detail").asText()).startsWith(attr);
    }

    @Test
    void aRepeatedUuidIsStoredOnce() {
        String uuid = UUID.randomUUID().toString();
        Map<String, Object> e = event("$pageview", "user-1");
        e.put("uuid", uuid);

        assertThat(capture.post("/batch", Map.of("api_key", token, "batch", List.of(e, e))).status()).isEqualTo(200);
        assertThat(capture.post("/batch", Map.of("api_key", token, "batch", List.of(e))).status()).isEqualTo(200);
        Map<String, Object> single = new HashMap<>(e);
        single.put("api_key", token);
        assertThat(capture.post("/capture", single).status()).isEqualTo(200);

        assertThat(stored()).isEqualTo(1);
    }

    @Test
    void anUnknownOrMissingApiKeyIs401EvenWhenTheEventsAreBad() {
        TestApi.Response unknown = capture.post("/batch", Map.of("api_key", "phc_unknown", "batch", List.of(event("a", "1"))));
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.body().get("type").asText()).isEqualTo("authentication_error");
        assertThat(unknown.body().get("attr").asText()).isEqualTo("api_key");

        TestApi.Response missing = capture.post("/batch", Map.of("batch", List.of(Map.of("event", 1))));
        assertThat(missing.status()).isEqualTo(401);
        TestApi.Response captureUnknown = capture.post("/capture", Map.of("api_key", "nope", "event", "e", "distinct_id", "d"));
        assertThat(captureUnknown.status()).isEqualTo(401);
        assertThat(stored()).isZero();
    }

    @Test
    void captureStoresOneEventAndValidatesItsFields() {
        TestApi.Response ok = capture.post("/capture", Map.of("api_key", token, "event", "purchase", "distinct_id", 12345,
                "properties", Map.of("amount", 9.5)));
        assertThat(ok.status()).as(ok.text()).isEqualTo(200);
        assertThat(ok.body().get("status").asInt()).isEqualTo(1);
        assertThat(jdbc.queryForObject("select distinct_id from events where project_id = ?::uuid", String.class, pid)).isEqualTo("12345");

        TestApi.Response bad = capture.post("/capture", Map.of("api_key", token, "distinct_id", "d"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body().get("attr").asText()).isEqualTo("event");
        assertThat(stored()).isEqualTo(1);
    }

    @Test
    void aDistinctIdInsidePropertiesIsAccepted() {
        TestApi.Response r = capture.post("/batch", Map.of("api_key", token, "batch",
                List.of(Map.of("event", "$pageview", "properties", Map.of("distinct_id", "from-properties")))));

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(jdbc.queryForObject("select distinct_id from events where project_id = ?::uuid", String.class, pid))
                .isEqualTo("from-properties");
    }

    @Test
    void aBatchOfFifteenMegabytesIsAcceptedWhole() {
        String padding = "x".repeat(3_000);
        List<Map<String, Object>> batch = new java.util.ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            batch.add(Map.of("event", "$pageview", "distinct_id", "user-" + (i % 50), "properties", Map.of("i", i, "padding", padding)));
        }
        String body = TestApi.json(Map.of("api_key", token, "batch", batch));
        assertThat(body.length()).isGreaterThan(15_000_000);

        TestApi.Response r = capture.post("/batch", body);

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(stored()).isEqualTo(5_000);
    }

    @Test
    void aBatchOfTenThousandEventsIsAcceptedAndABodyOverTwentyMegabytesIs413() {
        List<Map<String, Object>> batch = new java.util.ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            batch.add(Map.of("event", "$pageview", "distinct_id", "user-" + (i % 100), "properties", Map.of("i", i)));
        }

        TestApi.Response accepted = capture.post("/batch", Map.of("api_key", token, "batch", batch));

        assertThat(accepted.status()).as(accepted.text()).isEqualTo(200);
        assertThat(stored()).isEqualTo(10_000);
        String tooBig = TestApi.json(Map.of("api_key", token, "batch", List.of(Map.of("event", "e", "distinct_id", "d",
                "properties", Map.of("padding", "x".repeat(21 * 1024 * 1024))))));
        TestApi.Response rejected = capture.post("/batch", tooBig);
        assertThat(rejected.status()).isEqualTo(413);
        assertThat(stored()).isEqualTo(10_000);
    }

    @Test
    void nulCharactersInPropertiesDoNotBreakTheJsonbColumn() {
        TestApi.Response r = capture.post("/batch", "{\"api_key\": \"" + token + "\", \"batch\": [{\"event\": \"e\", \"distinct_id\": \"d\","
                + " \"properties\": {\"text\": \"a\\u0000b\", \"k\\u0000\": [\"\\u0000\"]}}]}");

        assertThat(r.status()).as(r.text()).isEqualTo(200);
        assertThat(jdbc.queryForObject("select properties->>'text' from events where project_id = ?::uuid", String.class, pid))
                .isEqualTo("a\uFFFDb");
    }
}
