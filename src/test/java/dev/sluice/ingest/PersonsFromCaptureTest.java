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
class PersonsFromCaptureTest {

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
        pid = admin.createProject("persons");
        token = admin.apiToken(pid);
        capture = TestApi.anonymous(port);
    }

    private static Map<String, Object> event(String name, String distinctId, Map<String, Object> properties) {
        Map<String, Object> e = new HashMap<>(Map.of("event", name, "distinct_id", distinctId, "properties", properties));
        e.put("uuid", UUID.randomUUID().toString());
        return e;
    }

    private void send(Map<String, Object>... events) {
        TestApi.Response r = capture.post("/batch", Map.of("api_key", token, "batch", List.of(events)));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
    }

    private UUID personOf(String distinctId) {
        return jdbc.queryForObject("select person_id from person_distinct_ids where project_id = ?::uuid and distinct_id = ?",
                UUID.class, pid, distinctId);
    }

    private Map<String, Object> person(UUID id) {
        return jdbc.queryForMap("select properties::text as properties, version, updated_at, created_at from persons"
                + " where project_id = ?::uuid and id = ?", pid, id);
    }

    private long persons() {
        return jdbc.queryForObject("select count(*) from persons where project_id = ?::uuid", Long.class, pid);
    }

    @Test
    void aNewDistinctIdGetsAPersonAndItsEventsCarryIt() {
        Map<String, Object> first = event("$pageview", "visitor-1", Map.of());
        Map<String, Object> second = event("$pageview", "visitor-1", Map.of());
        Instant before = Instant.now();
        send(first, second);

        UUID person = personOf("visitor-1");
        assertThat(person).isNotNull();
        assertThat(persons()).isEqualTo(1);
        assertThat(jdbc.queryForList("select person_id from events where project_id = ?::uuid", UUID.class, pid))
                .containsExactly(person, person);
        Map<String, Object> row = person(person);
        assertThat(row.get("version")).isEqualTo(0L);
        assertThat(((Timestamp) row.get("updated_at")).toInstant()).isAfterOrEqualTo(before.minusMillis(1));
    }

    @Test
    void setOverwritesAndSetOnceOnlyFillsMissingPropertiesEachChangeBumpingTheVersion() {
        send(event("$pageview", "u", Map.of("$set", Map.of("plan", "free"), "$set_once", Map.of("first_url", "/a"))));
        send(event("$set", "u", Map.of("$set", Map.of("plan", "pro"), "$set_once", Map.of("first_url", "/b", "source", "ad"))));
        send(event("$pageview", "u", Map.of("$set", Map.of("plan", "pro"), "$set_once", Map.of("first_url", "/c"))));

        Map<String, Object> row = person(personOf("u"));
        assertThat((String) row.get("properties")).isEqualTo("{\"plan\": \"pro\", \"source\": \"ad\", \"first_url\": \"/a\"}");
        assertThat(row.get("version")).as("created, changed twice, the last event changed nothing").isEqualTo(2L);
    }

    @Test
    void identifyLinksAnAnonymousIdSeenFirstToTheIdentifiedUser() {
        send(event("$pageview", "anon-1", Map.of("$set_once", Map.of("referrer", "google"))));
        UUID anonymous = personOf("anon-1");

        send(event("$identify", "alice", Map.of("$anon_distinct_id", "anon-1", "$set", Map.of("email", "alice@example.com"))));

        assertThat(personOf("alice")).isEqualTo(anonymous);
        assertThat(persons()).isEqualTo(1);
        assertThat((String) person(anonymous).get("properties")).contains("\"referrer\": \"google\"").contains("\"email\": \"alice@example.com\"");
    }

    @Test
    void identifyMergesTwoExistingPersonsIntoTheIdentifiedOne() {
        send(event("$pageview", "anon-2", Map.of("$set", Map.of("plan", "free", "referrer", "ad"))),
                event("$pageview", "bob", Map.of("$set", Map.of("plan", "team"))));
        UUID anonymous = personOf("anon-2");
        UUID bob = personOf("bob");
        assertThat(anonymous).isNotEqualTo(bob);

        Map<String, Object> identify = event("$identify", "bob", Map.of("$anon_distinct_id", "anon-2"));
        send(identify);

        assertThat(personOf("anon-2")).isEqualTo(bob);
        assertThat(persons()).isEqualTo(1);
        Map<String, Object> merged = person(bob);
        assertThat((String) merged.get("properties")).isEqualTo("{\"plan\": \"team\", \"referrer\": \"ad\"}");
        assertThat(merged.get("version")).isEqualTo(2L);
        assertThat(jdbc.queryForObject("select person_id from events where project_id = ?::uuid and uuid = ?::uuid", UUID.class,
                pid, identify.get("uuid"))).isEqualTo(bob);
    }

    @Test
    void aResentEventChangesItsPersonOnlyOnce() {
        Map<String, Object> set = event("$set", "carol", Map.of("$set", Map.of("n", 1)));
        send(set);
        Map<String, Object> before = person(personOf("carol"));

        send(set, set);

        assertThat(person(personOf("carol"))).isEqualTo(before);
        assertThat(before.get("version")).isEqualTo(1L);
    }

    @Test
    void aRejectedBatchChangesNoPerson() {
        TestApi.Response r = capture.post("/batch", Map.of("api_key", token, "batch", List.of(
                event("$set", "dave", Map.of("$set", Map.of("n", 1))), Map.of("event", "", "distinct_id", "x"))));

        assertThat(r.status()).isEqualTo(400);
        assertThat(persons()).isZero();
    }
}
