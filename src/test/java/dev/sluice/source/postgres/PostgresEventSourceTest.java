package dev.sluice.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.sluice.common.DataInterval;
import dev.sluice.source.Cursor;
import dev.sluice.source.ExportFilters;
import dev.sluice.source.ExportFilters.PropertyFilter;
import dev.sluice.source.ExportModel;
import dev.sluice.source.ExportSchema;
import dev.sluice.source.InvalidSourceQueryException;
import dev.sluice.source.RecordBatchStream;
import dev.sluice.source.SourceQuery;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

class PostgresEventSourceTest {

    private static final Instant START = Instant.parse("2024-03-01T10:00:00Z");
    private static final Instant END = Instant.parse("2024-03-01T11:00:00Z");
    private static final DataInterval INTERVAL = new DataInterval(START, END);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TestEventStore store;

    private RootAllocator allocator;
    private UUID project;

    @BeforeAll
    static void startDatabase() {
        store = TestEventStore.start();
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        store.close();
    }

    @BeforeEach
    void newProjectAndAllocator() {
        allocator = new RootAllocator();
        project = store.newProject();
    }

    @AfterEach
    void everyArrowBufferWasFreed() {
        assertThat(allocator.getAllocatedMemory()).isZero();
        allocator.close();
    }

    @Test
    void streamsExactlyTheRowsOfTheHalfOpenIntervalInCursorOrder() {
        store.event(project, "before", START.minus(1, ChronoUnit.MICROS), "{}");
        UUID atStart = store.event(project, "at start", START, "{}");
        List<UUID> sameTime = List.of(
                store.event(project, "tie", START.plusSeconds(60), "{}"),
                store.event(project, "tie", START.plusSeconds(60), "{}"),
                store.event(project, "tie", START.plusSeconds(60), "{}"));
        UUID lastMicro = store.event(project, "last micro", END.minus(1, ChronoUnit.MICROS), "{}");
        store.event(project, "at end", END, "{}");
        store.event(store.newProject(), "other project", START.plusSeconds(5), "{}");

        StreamedRows rows = drain(eventsQuery(), 100);

        List<String> expected = new ArrayList<>();
        expected.add(atStart.toString());
        sameTime.stream().map(UUID::toString).sorted().forEach(expected::add);
        expected.add(lastMicro.toString());
        assertThat(rows.column("uuid")).containsExactlyElementsOf(expected);
        assertThat(rows.column("inserted_at")).containsExactly(START, START.plusSeconds(60), START.plusSeconds(60),
                START.plusSeconds(60), END.minus(1, ChronoUnit.MICROS));
    }

    @Test
    void eventsCarryTheDefaultFieldsWithArrowTypesAndJsonProperties() throws Exception {
        UUID id = store.event(project, "$pageview", START.plusSeconds(1), "{\"$browser\": \"Firefox\", \"n\": 3}");

        try (RecordBatchStream stream = store.source(10).open(eventsQuery(), allocator)) {
            assertThat(stream.schema().getFields()).extracting(Field::getName)
                    .containsExactly("uuid", "event", "distinct_id", "person_id", "properties", "timestamp", "inserted_at");
            Field properties = stream.schema().findField("properties");
            assertThat(properties.getType()).isEqualTo(ArrowType.Utf8.INSTANCE);
            assertThat(properties.getMetadata()).containsEntry("ARROW:extension:name", "arrow.json");
            assertThat(stream.schema().findField("timestamp").getType()).isEqualTo(new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC"));
            assertThat(stream.schema().findField("person_id").isNullable()).isTrue();
            assertThat(stream.schema().findField("event").isNullable()).isFalse();

            Map<String, Object> row = StreamedRows.drain(stream).rows().get(0);
            assertThat(row.get("uuid")).isEqualTo(id.toString());
            assertThat(row.get("event")).isEqualTo("$pageview");
            assertThat(row.get("person_id")).isNull();
            assertThat(JSON.readValue((String) row.get("properties"), Map.class)).isEqualTo(Map.of("$browser", "Firefox", "n", 3));
            assertThat(row.get("timestamp")).isEqualTo(START);
        }
    }

    @Test
    void aResumedStreamReturnsExactlyTheRowsAfterTheCursor() {
        for (int i = 0; i < 4; i++) {
            store.event(project, "tie", START.plusSeconds(10), "{}");
            store.event(project, "spread", START.plusSeconds(20 + i), "{}");
        }
        StreamedRows all = drain(eventsQuery(), 3);
        Cursor afterFirstBatch = all.cursors().get(0);
        assertThat(afterFirstBatch).isEqualTo(new Cursor(START.plusSeconds(10), (String) all.rows().get(2).get("uuid")));

        StreamedRows rest = drain(eventsQuery().withResumeAfter(afterFirstBatch), 3);

        assertThat(rest.rows()).containsExactlyElementsOf(all.rows().subList(3, all.rows().size()));
    }

    @Test
    void aLimitedQueryReturnsOnlyTheFirstRowsInCursorOrderWhileCountSeesThemAll() {
        for (int i = 0; i < 7; i++) {
            store.event(project, i % 2 == 0 ? "even" : "odd", START.plusSeconds(i), "{}");
        }
        StreamedRows all = drain(eventsQuery(), 3);

        StreamedRows limited = drain(eventsQuery().withLimit(4), 3);
        StreamedRows filtered = drain(eventsQuery(null, new ExportFilters(List.of("odd"), null, null)).withLimit(2), 3);

        assertThat(limited.rows()).containsExactlyElementsOf(all.rows().subList(0, 4));
        assertThat(filtered.column("event")).containsExactly("odd", "odd");
        assertThat(store.source(3).count(eventsQuery().withLimit(4))).isEqualTo(7);
    }

    @Test
    void batchesSplitAtTheConfiguredSizeEachWithTheCursorOfItsLastRow() {
        for (int i = 0; i < 7; i++) {
            store.event(project, "e", START.plusSeconds(i), "{}");
        }

        StreamedRows rows = drain(eventsQuery(), 3);

        assertThat(rows.batchSizes()).containsExactly(3, 3, 1);
        assertThat(rows.cursors()).containsExactly(
                new Cursor(START.plusSeconds(2), (String) rows.rows().get(2).get("uuid")),
                new Cursor(START.plusSeconds(5), (String) rows.rows().get(5).get("uuid")),
                new Cursor(START.plusSeconds(6), (String) rows.rows().get(6).get("uuid")));
    }

    @Test
    void memoryStaysBoundedByTheBatchWhateverTheIntervalsSize() {
        UUID small = store.newProject();
        UUID large = store.newProject();
        insertGenerated(small, 300);
        insertGenerated(large, 6000);

        long smallPeak = peakWhileDraining(small);
        long largePeak = peakWhileDraining(large);

        assertThat(largePeak).isLessThanOrEqualTo(smallPeak * 2);
    }

    @Test
    void aStreamClosedMidwayNeverHandsThePoolAConnectionInTheMiddleOfItsCopy() {
        for (int i = 0; i < 200; i++) {
            store.event(project, "e", START.plusSeconds(i), "{\"n\": " + i + "}");
        }
        HikariConfig config = new HikariConfig();
        config.setDataSource(store.dataSource());
        config.setMaximumPoolSize(1);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            PostgresEventSource source = new PostgresEventSource(pool, new SourceProperties(2));
            JdbcTemplate jdbc = new JdbcTemplate(pool);
            for (int i = 0; i < 5; i++) {
                try (RecordBatchStream stream = source.open(eventsQuery(), allocator)) {
                    assertThat(stream.next()).isTrue();
                }
                assertThat(jdbc.update("update projects set name = ? where id = ?", "renamed " + i, project))
                        .as("a write on the pool's connection after an early close").isEqualTo(1);
                assertThat(jdbc.queryForObject("select name from projects where id = ?", String.class, project)).isEqualTo("renamed " + i);
            }
        }
    }

    @Test
    void closingAStreamMidwayFreesItsBuffersAndEndsItsTransaction() {
        for (int i = 0; i < 10; i++) {
            store.event(project, "e", START.plusSeconds(i), "{}");
        }
        RecordBatchStream stream = store.source(2).open(eventsQuery(), allocator);
        assertThat(stream.next()).isTrue();
        assertThat(allocator.getAllocatedMemory()).isPositive();

        stream.close();

        assertThat(allocator.getAllocatedMemory()).isZero();
        assertThat(store.jdbc().queryForObject("select count(*) from pg_stat_activity where state like 'idle in transaction%'", Long.class))
                .isZero();
    }

    @Test
    void anIntervalWithoutRowsYieldsNoBatch() {
        store.event(project, "later", END.plusSeconds(1), "{}");

        StreamedRows rows = drain(eventsQuery(), 3);

        assertThat(rows.rows()).isEmpty();
        assertThat(rows.batchSizes()).isEmpty();
    }

    @Test
    void includeAndExcludeEventFiltersSelectExactlyTheMatchingEvents() {
        store.event(project, "$pageview", START.plusSeconds(1), "{}");
        store.event(project, "signup", START.plusSeconds(2), "{}");
        store.event(project, "$pageleave", START.plusSeconds(3), "{}");
        store.event(project, "purchase", START.plusSeconds(4), "{}");

        assertThat(events(new ExportFilters(List.of("signup", "purchase"), null, null))).containsExactly("signup", "purchase");
        assertThat(events(new ExportFilters(null, List.of("$pageview", "$pageleave"), null))).containsExactly("signup", "purchase");
        assertThat(events(new ExportFilters(List.of("signup", "purchase"), List.of("purchase"), null))).containsExactly("signup");
    }

    @Test
    void propertyFiltersSelectExactlyTheMatchingEvents() {
        store.event(project, "chrome", START.plusSeconds(1), "{\"$browser\": \"Chrome\", \"plan\": \"pro\", \"n\": 5}");
        store.event(project, "firefox", START.plusSeconds(2), "{\"$browser\": \"Firefox\", \"plan\": \"free\", \"n\": 1.5}");
        store.event(project, "chromium", START.plusSeconds(3), "{\"$browser\": \"chromium\", \"flag\": true}");
        store.event(project, "none", START.plusSeconds(4), "{\"other\": 1}");
        store.event(project, "json null", START.plusSeconds(5), "{\"$browser\": null}");

        assertThat(events(property("$browser", "exact", "Chrome"))).containsExactly("chrome");
        assertThat(events(property("$browser", "exact", List.of("Chrome", "Firefox")))).containsExactly("chrome", "firefox");
        assertThat(events(property("n", "exact", 5))).containsExactly("chrome");
        assertThat(events(property("n", "exact", 1.5))).containsExactly("firefox");
        assertThat(events(property("flag", "exact", true))).containsExactly("chromium");
        assertThat(events(property("$browser", "is_not", "Chrome"))).containsExactly("firefox", "chromium", "none", "json null");
        assertThat(events(property("$browser", "is_not", List.of("Chrome", "Firefox")))).containsExactly("chromium", "none", "json null");
        assertThat(events(property("$browser", "icontains", "CHROM"))).containsExactly("chrome", "chromium");
        assertThat(events(property("$browser", "icontains", "%"))).isEmpty();
        assertThat(events(property("$browser", "is_set", null))).containsExactly("chrome", "firefox", "chromium");
        assertThat(events(property("$browser", "is_not_set", null))).containsExactly("none", "json null");
        assertThat(events(new ExportFilters(List.of("chrome", "firefox"), null, List.of(new PropertyFilter("plan", "exact", "free")))))
                .containsExactly("firefox");
    }

    @Test
    void aSchemaOfThreeFieldsYieldsExactlyThoseColumnsUnderTheirAliases() {
        store.event(project, "$pageview", START.plusSeconds(1), "{\"$browser\": \"Safari\", \"$set\": {\"email\": \"a@b.c\"}}");
        store.event(project, "$pageview", START.plusSeconds(2), "{}");
        ExportSchema schema = new ExportSchema(List.of(
                new ExportSchema.Field("event", "event_name"),
                new ExportSchema.Field("properties.$browser", null),
                new ExportSchema.Field("properties.$set.email", "email")));

        try (RecordBatchStream stream = store.source(10).open(eventsQuery(schema, null), allocator)) {
            assertThat(stream.schema().getFields()).extracting(Field::getName).containsExactly("event_name", "properties_browser", "email");
            assertThat(stream.schema().getFields()).allSatisfy(f -> assertThat(f.getType()).isEqualTo(ArrowType.Utf8.INSTANCE));
            StreamedRows rows = StreamedRows.drain(stream);
            assertThat(rows.rows()).containsExactly(
                    row("event_name", "$pageview", "properties_browser", "Safari", "email", "a@b.c"),
                    row("event_name", "$pageview", "properties_browser", null, "email", null));
        }
    }

    @Test
    void unknownFieldsAreRejectedBeforeAnySqlRuns() {
        ExportSchema schema = new ExportSchema(List.of(new ExportSchema.Field("password_hash", null)));
        ExportSchema otherRoot = new ExportSchema(List.of(new ExportSchema.Field("users.email", null)));

        assertThatThrownBy(() -> store.source(10).open(eventsQuery(schema, null), allocator))
                .isInstanceOf(InvalidSourceQueryException.class).hasMessage("'password_hash' is not a field of the events model.");
        assertThatThrownBy(() -> store.source(10).count(eventsQuery(otherRoot, null)))
                .isInstanceOf(InvalidSourceQueryException.class).hasMessageContaining("properties path");
    }

    @Test
    void personsChangedInTheIntervalAreExportedOnceAtTheirLatestVersion() {
        UUID changedTwice = UUID.randomUUID();
        UUID changedOnce = UUID.randomUUID();
        UUID unchanged = UUID.randomUUID();
        Instant created = START.minus(10, ChronoUnit.DAYS);
        store.person(project, changedTwice, 1, "{\"email\": \"old@x.io\"}", created, START.plusSeconds(5), "anon-1");
        store.person(project, changedTwice, 2, "{\"email\": \"new@x.io\"}", created, START.plusSeconds(50), "anon-2", "user-7");
        store.person(project, changedOnce, 4, "{}", created, START, "solo");
        store.person(project, unchanged, 1, "{}", created, START.minusSeconds(1), "old");
        store.event(project, "not a person", START.plusSeconds(1), "{}");

        SourceQuery query = new SourceQuery(project, ExportModel.PERSONS, null, null, INTERVAL, null);
        StreamedRows rows = drain(query, 10);

        assertThat(rows.rows()).containsExactly(
                row("person_id", changedOnce.toString(), "distinct_ids", "[\"solo\"]", "properties", "{}", "created_at", created, "version", 4L),
                row("person_id", changedTwice.toString(), "distinct_ids", "[\"anon-1\", \"anon-2\", \"user-7\"]",
                        "properties", "{\"email\": \"new@x.io\"}", "created_at", created, "version", 2L));
        assertThat(rows.cursors()).containsExactly(new Cursor(START.plusSeconds(50), changedTwice.toString()));
        assertThat(store.source(10).count(query)).isEqualTo(2);
    }

    @Test
    void countEqualsTheRowsStreamedAndIgnoresTheResumeCursor() {
        for (int i = 0; i < 9; i++) {
            store.event(project, i % 3 == 0 ? "signup" : "$pageview", START.plusSeconds(i), "{}");
        }
        store.event(project, "signup", END, "{}");
        SourceQuery query = eventsQuery(null, new ExportFilters(null, List.of("signup"), null));
        StreamedRows rows = drain(query, 4);

        assertThat(store.source(4).count(query)).isEqualTo(rows.rows().size()).isEqualTo(6);
        assertThat(store.source(4).count(query.withResumeAfter(rows.cursors().get(0)))).isEqualTo(6);
    }

    @Test
    void sqlInjectionInFilterKeysValuesAndEventNamesIsHarmless() {
        store.event(project, "safe", START.plusSeconds(1), "{\"$browser\": \"Chrome\"}");
        String payload = "x') or 1=1; drop table events; --";

        assertThat(events(new ExportFilters(List.of(payload), null, null))).isEmpty();
        assertThat(events(new ExportFilters(null, List.of(payload), null))).containsExactly("safe");
        assertThat(events(property("$browser", "exact", "' or '1'='1"))).isEmpty();
        assertThat(events(property("$browser' or true --", "is_set", null))).isEmpty();
        assertThat(events(property("$browser", "icontains", "' || (select 'Chrome') || '"))).isEmpty();
        ExportSchema schema = new ExportSchema(List.of(new ExportSchema.Field("properties.$browser') from events; --", "b")));
        assertThat(drain(eventsQuery(schema, null), 10).column("b")).containsOnlyNulls().hasSize(1);
        assertThat(store.jdbc().queryForObject("select count(*) from events where project_id = ?", Long.class, project)).isEqualTo(1);
    }

    @Test
    void quotesBackslashesAndArraySyntaxInFilterValuesAndEventNamesAreMatchedLiterally() {
        String tricky = "it's \\ a \"{quoted}\", $$ name";
        store.event(project, tricky, START.plusSeconds(1), "{\"k\": \"a'b\\\\c\", \"$$\": \"x\"}");
        store.event(project, "plain", START.plusSeconds(2), "{\"k\": \"a'bc\"}");

        assertThat(events(new ExportFilters(List.of(tricky, "{plain}"), null, null))).containsExactly(tricky);
        assertThat(events(new ExportFilters(null, List.of(tricky), null))).containsExactly("plain");
        assertThat(events(property("k", "exact", "a'b\\c"))).containsExactly(tricky);
        assertThat(events(property("k", "is_not", List.of("a'b\\c", "'")))).containsExactly("plain");
        assertThat(events(property("k", "icontains", "'B\\"))).containsExactly(tricky);
        assertThat(events(property("$$", "is_set", null))).containsExactly(tricky);
        ExportSchema schema = new ExportSchema(List.of(new ExportSchema.Field("properties.k", "k")));
        assertThat(drain(eventsQuery(schema, null), 10).column("k")).containsExactly("a'b\\c", "a'bc");
    }

    @Test
    void aNulCharacterInAFilterOrEventNameIsRejectedAsAnInvalidQuery() {
        store.event(project, "safe", START.plusSeconds(1), "{}");

        assertThatThrownBy(() -> events(property("k", "exact", "a\0' or true --")))
                .isInstanceOf(InvalidSourceQueryException.class).hasMessageContaining("NUL character");
        assertThatThrownBy(() -> events(new ExportFilters(List.of("safe\0"), null, null)))
                .isInstanceOf(InvalidSourceQueryException.class).hasMessageContaining("NUL character");
        assertThatThrownBy(() -> events(property("k\0", "is_set", null)))
                .isInstanceOf(InvalidSourceQueryException.class);
        assertThat(events(null)).containsExactly("safe");
    }

    @Test
    void earliestRowsIsTheOldestIngestionTimeOfTheProjectsModel() {
        PostgresEarliestRows earliest = new PostgresEarliestRows(store.jdbc());
        assertThat(earliest.earliestInsertedAt(project, ExportModel.EVENTS)).isEmpty();
        store.event(project, "later", START.plusSeconds(30), "{}");
        store.event(project, "first", START.minusSeconds(30), "{}");
        store.event(store.newProject(), "other project", START.minusSeconds(999), "{}");
        store.person(project, UUID.randomUUID(), 1, "{}", START, START.plusSeconds(7));

        assertThat(earliest.earliestInsertedAt(project, ExportModel.EVENTS)).contains(START.minusSeconds(30));
        assertThat(earliest.earliestInsertedAt(project, ExportModel.PERSONS)).contains(START.plusSeconds(7));
    }

    private static void insertGenerated(UUID projectId, int rows) {
        store.jdbc().update("insert into events (project_id, uuid, event, distinct_id, properties, timestamp, inserted_at)"
                + " select ?, gen_random_uuid(), 'generated', 'user-' || n, jsonb_build_object('n', n, 'pad', repeat('x', 200)),"
                + " ?::timestamptz + n * interval '1 millisecond', ?::timestamptz + n * interval '1 millisecond'"
                + " from generate_series(1, ?) n", projectId, START.toString(), START.toString(), rows);
    }

    /** Drains the project's interval in batches of 100 with a fresh allocator and returns its peak allocation. */
    private static long peakWhileDraining(UUID projectId) {
        try (RootAllocator measured = new RootAllocator();
             RecordBatchStream stream = store.source(100).open(new SourceQuery(projectId, ExportModel.EVENTS, null, null, INTERVAL, null), measured)) {
            long rows = 0;
            while (stream.next()) {
                rows += stream.root().getRowCount();
            }
            assertThat(rows).isPositive();
            return measured.getPeakMemoryAllocation();
        }
    }

    private List<Object> events(ExportFilters filters) {
        return drain(eventsQuery(null, filters), 2).column("event");
    }

    private static ExportFilters property(String key, String operator, Object value) {
        return new ExportFilters(null, null, List.of(new PropertyFilter(key, operator, value)));
    }

    private StreamedRows drain(SourceQuery query, int batchRows) {
        try (RecordBatchStream stream = store.source(batchRows).open(query, allocator)) {
            return StreamedRows.drain(stream);
        }
    }

    private SourceQuery eventsQuery() {
        return eventsQuery(null, null);
    }

    private SourceQuery eventsQuery(ExportSchema schema, ExportFilters filters) {
        return new SourceQuery(project, ExportModel.EVENTS, schema, filters, INTERVAL, null);
    }

    private static Map<String, Object> row(Object... keysAndValues) {
        Map<String, Object> row = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            row.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return row;
    }
}
