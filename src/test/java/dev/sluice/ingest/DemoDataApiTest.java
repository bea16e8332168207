package dev.sluice.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.SluiceIntegrationTest;
import dev.sluice.TestApi;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

@SluiceIntegrationTest
class DemoDataApiTest {

    private static final Instant START = Instant.parse("2026-02-10T09:00:00Z");
    private static final Instant END = START.plus(3, ChronoUnit.HOURS);

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private static Map<String, Object> request(Instant start, Instant end, int perHour, long seed) {
        return Map.of("start_at", start.toString(), "end_at", end.toString(), "events_per_hour", perHour, "seed", seed);
    }

    private List<Instant> insertedAt(String pid) {
        return jdbc.query("select inserted_at from events where project_id = ?::uuid order by inserted_at",
                (rs, i) -> rs.getTimestamp(1).toInstant(), pid);
    }

    /** Everything of the events but the uuids, which are per project. */
    private List<String> content(String pid) {
        return jdbc.queryForList("select event || '|' || distinct_id || '|' || properties::text || '|' || timestamp"
                + " from events where project_id = ?::uuid order by inserted_at, event, distinct_id", String.class, pid);
    }

    @Test
    void demoDataSpreadsEventsPerHourTimesHoursEvenlyOverTheRange() {
        TestApi api = TestApi.admin(port);
        String pid = api.createProject("demo");

        TestApi.Response r = api.post("/api/projects/" + pid + "/demo_data", request(START, END, 250, 42));

        assertThat(r.status()).as(r.text()).isEqualTo(201);
        assertThat(r.body().get("inserted").asLong()).isEqualTo(750);
        List<Instant> times = insertedAt(pid);
        assertThat(times).hasSize(750);
        assertThat(times.get(0)).isEqualTo(START);
        assertThat(times.get(749)).isBefore(END);
        for (int i = 1; i < times.size(); i++) {
            assertThat(Duration.between(times.get(i - 1), times.get(i))).isEqualTo(Duration.ofMillis(14_400));
        }
        for (int h = 0; h < 3; h++) {
            assertThat(jdbc.queryForObject("select count(*) from events where project_id = ?::uuid and inserted_at >= ? and inserted_at < ?",
                    Long.class, pid, Timestamp.from(START.plus(h, ChronoUnit.HOURS)), Timestamp.from(START.plus(h + 1, ChronoUnit.HOURS))))
                    .isEqualTo(250);
        }
        assertThat(jdbc.queryForObject("select count(*) from events where project_id = ?::uuid and timestamp <> inserted_at",
                Long.class, pid)).isZero();
    }

    @Test
    void demoEventsLookLikeProductAnalytics() {
        TestApi api = TestApi.admin(port);
        String pid = api.createProject("demo kinds");
        api.post("/api/projects/" + pid + "/demo_data", request(START, END, 500, 7));

        Set<String> kinds = new HashSet<>(jdbc.queryForList("select distinct event from events where project_id = ?::uuid", String.class, pid));
        assertThat(kinds).contains("$pageview", "$autocapture", "$identify", "signed_up", "purchase");
        assertThat(jdbc.queryForObject("select count(*) from events where project_id = ?::uuid and properties->>'$browser' is not null"
                + " and properties->>'$os' is not null and properties->>'$current_url' like 'https://%'", Long.class, pid)).isEqualTo(1500);
        assertThat(jdbc.queryForObject("select count(*) from events where project_id = ?::uuid and event = 'purchase'"
                + " and (properties->>'amount')::numeric > 0", Long.class, pid)).isPositive();
        assertThat(jdbc.queryForObject("select count(distinct distinct_id) from events where project_id = ?::uuid", Long.class, pid))
                .isGreaterThan(10);
    }

    @Test
    void theSameSeedGivesTheSameEventsAndARepeatInsertsNothingNew() {
        TestApi api = TestApi.admin(port);
        String first = api.createProject("demo seed a");
        String second = api.createProject("demo seed b");
        String third = api.createProject("demo seed c");

        api.post("/api/projects/" + first + "/demo_data", request(START, END, 40, 99));
        TestApi.Response repeat = api.post("/api/projects/" + first + "/demo_data", request(START, END, 40, 99));
        api.post("/api/projects/" + second + "/demo_data", request(START, END, 40, 99));
        api.post("/api/projects/" + third + "/demo_data", request(START, END, 40, 100));

        assertThat(repeat.status()).isEqualTo(201);
        assertThat(repeat.body().get("inserted").asLong()).isZero();
        assertThat(repeat.body().get("generated").asLong()).isEqualTo(120);
        assertThat(insertedAt(first)).hasSize(120);
        assertThat(content(second)).isEqualTo(content(first));
        assertThat(content(third)).isNotEqualTo(content(first));
        assertThat(insertedAt(third)).isEqualTo(insertedAt(first));
    }

    @Test
    void demoDataRequestsAreValidated() {
        TestApi api = TestApi.admin(port);
        String path = "/api/projects/" + api.createProject("demo validation") + "/demo_data";

        assertInvalid(api.post(path, request(END, START, 10, 1)), "end_at");
        assertInvalid(api.post(path, request(START, START, 10, 1)), "end_at");
        assertInvalid(api.post(path, request(START, START.plus(32, ChronoUnit.DAYS), 10, 1)), "end_at");
        assertInvalid(api.post(path, request(START, END, 0, 1)), "events_per_hour");
        assertInvalid(api.post(path, request(START, END, 100_001, 1)), "events_per_hour");
        assertInvalid(api.post(path, request(START, START.plus(30, ChronoUnit.DAYS), 100_000, 1)), "events_per_hour");
        assertInvalid(api.post(path, request(START, START.plus(10, ChronoUnit.MINUTES), 5, 1)), "events_per_hour");
        assertInvalid(api.post(path, Map.of("end_at", END.toString(), "events_per_hour", 10)), "start_at");
        assertInvalid(api.post(path, Map.of("start_at", "noon", "end_at", END.toString(), "events_per_hour", 10)), "start_at");
        assertInvalid(api.post(path, Map.of("start_at", START.toString(), "end_at", END.toString(), "events_per_hour", "lots")),
                "events_per_hour");
    }

    private static void assertInvalid(TestApi.Response r, String attr) {
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.body().get("type").asText()).isEqualTo("validation_error");
        assertThat(r.body().get("attr").asText()).isEqualTo(attr);
    }
}
