package dev.sluice.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.SluiceIntegrationTest;
import dev.sluice.TestApi;
import dev.sluice.common.BadRequestException;
import dev.sluice.common.DataInterval;
import dev.sluice.source.ExportFilters;
import dev.sluice.source.ExportFilters.PropertyFilter;
import dev.sluice.source.ExportSchema;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** The preview service over demo data in the built-in event store, checked against the events table itself. */
@SluiceIntegrationTest
class ExportPreviewTest {

    private static final Instant DEMO_START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant DEMO_END = Instant.parse("2026-01-01T03:00:00Z");
    /** Half past two: the last complete hour is 01:00–02:00. */
    private static final Instant NOW = Instant.parse("2026-01-01T02:30:00Z");
    private static final DataInterval LAST_HOUR = new DataInterval(Instant.parse("2026-01-01T01:00:00Z"), Instant.parse("2026-01-01T02:00:00Z"));

    @LocalServerPort
    int port;
    @Autowired
    ExportPreview preview;
    @Autowired
    ExportService exports;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectMapper json;

    UUID project;

    @BeforeEach
    void demoData() {
        TestApi api = TestApi.admin(port);
        project = UUID.fromString(api.createProject("preview"));
        TestApi.Response demo = api.post("/api/projects/" + project + "/demo_data", Map.of("start_at", DEMO_START.toString(),
                "end_at", DEMO_END.toString(), "events_per_hour", 300, "seed", 11));
        assertThat(demo.status()).as(demo.text()).isEqualTo(201);
    }

    @Test
    void theFirstTwentyRowsOfTheLastCompleteIntervalComeWithItsRowCount() throws Exception {
        ExportPreview.Result result = preview.ofDraft(project, draft("hour", "UTC", null, null), NOW);

        assertThat(result.interval()).isEqualTo(LAST_HOUR);
        assertThat(result.count()).isEqualTo(countInTable(LAST_HOUR, "true")).isEqualTo(300);
        assertThat(result.columns()).containsExactly("uuid", "event", "distinct_id", "person_id", "properties", "timestamp", "inserted_at");
        assertThat(result.rows()).hasSize(ExportPreview.ROWS);
        List<String> firstUuids = jdbc.queryForList("select uuid::text from events where project_id = ? and inserted_at >= ?"
                + " and inserted_at < ? order by inserted_at, uuid limit 20", String.class, project,
                Timestamp.from(LAST_HOUR.start()), Timestamp.from(LAST_HOUR.end()));
        assertThat(result.rows()).extracting(row -> row.get(0)).containsExactlyElementsOf(firstUuids);
        List<String> first = result.rows().get(0);
        Instant insertedAt = Instant.parse(first.get(6));
        assertThat(LAST_HOUR.contains(insertedAt)).isTrue();
        assertThat(first.get(6)).endsWith("Z");
        String properties = first.get(4);
        String stored = jdbc.queryForObject("select properties::text from events where project_id = ? and uuid = ?::uuid",
                String.class, project, first.get(0));
        assertThat(json.readTree(properties)).isEqualTo(json.readTree(stored));
        assertThat(properties).isEqualTo(json.writeValueAsString(json.readTree(stored))).doesNotContain("\": ");
    }

    @Test
    void aPropertyFilterNarrowsTheCountAndEveryRowItShows() {
        ExportSchema schema = new ExportSchema(List.of(new ExportSchema.Field("event", null),
                new ExportSchema.Field("properties.$browser", "browser")));
        ExportFilters chromePageviews = new ExportFilters(List.of("$pageview"), null,
                List.of(new PropertyFilter("$browser", "exact", "Chrome")));

        ExportPreview.Result all = preview.ofDraft(project, draft("hour", "UTC", schema, null), NOW);
        ExportPreview.Result narrowed = preview.ofDraft(project, draft("hour", "UTC", schema, chromePageviews), NOW);

        long expected = countInTable(LAST_HOUR, "event = '$pageview' and properties->>'$browser' = 'Chrome'");
        assertThat(narrowed.count()).isEqualTo(expected).isPositive().isLessThan(all.count());
        assertThat(narrowed.columns()).containsExactly("event", "browser");
        assertThat(narrowed.rows()).hasSize((int) Math.min(expected, ExportPreview.ROWS))
                .allSatisfy(row -> assertThat(row).containsExactly("$pageview", "Chrome"));
    }

    @Test
    void aDailyExportInItsTimeZonePreviewsItsLastLocalDay() {
        ExportPreview.Result result = preview.ofDraft(project, draft("day", "Europe/Berlin", null, null), Instant.parse("2026-01-02T05:00:00Z"));

        DataInterval berlinNewYear = new DataInterval(Instant.parse("2025-12-31T23:00:00Z"), Instant.parse("2026-01-01T23:00:00Z"));
        assertThat(result.interval()).isEqualTo(berlinNewYear);
        assertThat(result.count()).isEqualTo(countInTable(berlinNewYear, "true")).isEqualTo(900);
    }

    @Test
    void aSavedExportIsPreviewedWithItsStoredFieldsAndFilters() {
        BatchExport saved = exports.create(project, new ExportDraft("Saved preview", "Files", Map.of("path", "preview"), "hour", null,
                null, null, new ExportSchema(List.of(new ExportSchema.Field("event", null))),
                new ExportFilters(null, List.of("$pageview", "$autocapture"), null), true, null, null));

        ExportPreview.Result result = preview.ofSaved(project, saved.getId(), NOW);

        assertThat(result.count()).isEqualTo(countInTable(LAST_HOUR, "event not in ('$pageview', '$autocapture')")).isPositive();
        assertThat(result.columns()).containsExactly("event");
        assertThat(result.rows()).extracting(row -> row.get(0)).doesNotContain("$pageview", "$autocapture");
    }

    @Test
    void anIntervalWithoutEventsHasNoRowsAndACountOfZero() {
        ExportPreview.Result result = preview.ofDraft(project, draft("hour", "UTC", null, null), Instant.parse("2026-02-01T00:10:00Z"));

        assertThat(result.count()).isZero();
        assertThat(result.rows()).isEmpty();
        assertThat(result.columns()).contains("uuid", "properties");
    }

    @Test
    void aBadDraftIsRefusedNamingItsFieldAndNeedsNoDestination() {
        ExportFilters badOperator = new ExportFilters(null, null, List.of(new PropertyFilter("$browser", "regex", ".*")));
        ExportFilters objectValue = new ExportFilters(null, null, List.of(new PropertyFilter("$browser", "exact", Map.of("a", 1))));

        assertThatThrownBy(() -> preview.ofDraft(project, draft("hour", "UTC", null, badOperator), NOW))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.attr()).isEqualTo("filters.properties[0].operator"));
        assertThatThrownBy(() -> preview.ofDraft(project, draft("hour", "UTC", null, objectValue), NOW))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.attr()).isEqualTo("filters.properties[0].value"));
        assertThatThrownBy(() -> preview.ofDraft(project, draft("fortnight", "UTC", null, null), NOW))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.attr()).isEqualTo("interval"));
    }

    private static ExportDraft draft(String interval, String timezone, ExportSchema schema, ExportFilters filters) {
        return new ExportDraft(null, null, null, interval, null, timezone, "events", schema, filters, null, null, null);
    }

    private long countInTable(DataInterval interval, String condition) {
        return jdbc.queryForObject("select count(*) from events where project_id = ? and inserted_at >= ? and inserted_at < ? and "
                + condition, Long.class, project, Timestamp.from(interval.start()), Timestamp.from(interval.end()));
    }
}
