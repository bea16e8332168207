package dev.sluice.source.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.common.DataInterval;
import dev.sluice.source.Cursor;
import dev.sluice.source.EventSource;
import dev.sluice.source.ExportFilters;
import dev.sluice.source.ExportFilters.PropertyFilter;
import dev.sluice.source.ExportModel;
import dev.sluice.source.ExportSchema;
import dev.sluice.source.InvalidSourceQueryException;
import dev.sluice.source.RecordBatchStream;
import dev.sluice.source.SourceQuery;
import dev.sluice.source.postgres.StreamedRows;
import dev.sluice.source.postgres.TestEventStore;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ClickHouse source against the real ClickHouse engine (chDB behind its HTTP interface),
 * compared with the Postgres source over the same events: both must stream the same rows.
 */
class ClickHouseEventSourceTest {

    private static final Instant START = Instant.parse("2024-03-01T10:00:00Z");
    private static final Instant END = Instant.parse("2024-03-01T11:00:00Z");
    private static final DataInterval INTERVAL = new DataInterval(START, END);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter CH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);
    private static final String[] EVENTS = {"$pageview", "$autocapture", "signed_up", "purchase", "it's \"quoted\""};
    private static final String[] BROWSERS = {"Chrome", "Firefox", "Safari"};

    private static TestEventStore postgres;
    private static ClickHouseShim clickhouse;
    private static ClickHouseEventSource source;
    private static long nextTeam = 1;

    private RootAllocator allocator;
    private UUID project;
    private long team;

    @BeforeAll
    static void startBothStores() throws Exception {
        postgres = TestEventStore.start();
        clickhouse = ClickHouseShim.start();
        clickhouse.execute("CREATE DATABASE posthog");
        clickhouse.execute("""
                CREATE TABLE posthog.events (
                    uuid UUID, event String, properties String, timestamp DateTime64(6, 'UTC'), team_id Int64,
                    distinct_id String, elements_chain String DEFAULT '', person_id UUID,
                    inserted_at Nullable(DateTime64(6, 'UTC')), _timestamp DateTime DEFAULT now())
                ENGINE = ReplacingMergeTree(_timestamp)
                ORDER BY (team_id, toDate(timestamp), event, cityHash64(distinct_id), cityHash64(uuid))""");
    }

    @AfterAll
    static void stopBothStores() throws Exception {
        if (source != null) {
            source.close();
        }
        clickhouse.close();
        postgres.close();
    }

    @BeforeEach
    void newProjectAndTeam() {
        allocator = new RootAllocator();
        project = postgres.newProject();
        team = nextTeam++;
        if (source == null) {
            source = new ClickHouseEventSource(new ClickHouseConnection(clickhouse.url(), "posthog", "default", "", null));
        }
    }

    @AfterEach
    void everyArrowBufferWasFreed() {
        assertThat(allocator.getAllocatedMemory()).isZero();
        allocator.close();
    }

    /** The same event in both stores; ClickHouse gets it {@code copies} times in separate inserts, as unmerged parts hold it. */
    private UUID event(String event, Instant insertedAt, UUID personId, Map<String, Object> properties, int copies) throws Exception {
        UUID uuid = UUID.randomUUID();
        String distinctId = "user-" + uuid.toString().substring(0, 6);
        String json = JSON.writeValueAsString(properties);
        Instant timestamp = insertedAt.minusSeconds(3);
        postgres.jdbc().update("insert into events (project_id, uuid, event, distinct_id, person_id, properties, timestamp, inserted_at)"
                        + " values (?, ?, ?, ?, ?, ?::jsonb, ?, ?)", project, uuid, event, distinctId, personId, json,
                Timestamp.from(timestamp), Timestamp.from(insertedAt));
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("uuid", uuid.toString());
        row.put("event", event);
        row.put("properties", json);
        row.put("timestamp", CH_TIME.format(timestamp));
        row.put("team_id", team);
        row.put("distinct_id", distinctId);
        row.put("person_id", personId == null ? "00000000-0000-0000-0000-000000000000" : personId.toString());
        row.put("inserted_at", CH_TIME.format(insertedAt));
        for (int i = 0; i < copies; i++) {
            clickhouse.execute("INSERT INTO posthog.events FORMAT JSONEachRow " + JSON.writeValueAsString(row));
        }
        return uuid;
    }

    /** A spread of demo-like events, some duplicated in ClickHouse, some outside the interval, some of another team. */
    private void demoEvents() throws Exception {
        Random random = new Random(7);
        for (int i = 0; i < 60; i++) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("$browser", BROWSERS[random.nextInt(BROWSERS.length)]);
            p.put("$current_url", "https://shop.example.com/" + random.nextInt(5));
            if (random.nextBoolean()) {
                p.put("amount", random.nextInt(100));
            }
            if (random.nextInt(4) == 0) {
                p.put("plan", null);
            }
            p.put("nested", Map.of("level", random.nextInt(3), "tag", "t" + random.nextInt(2)));
            Instant at = START.plus(random.nextInt(3_600_000), ChronoUnit.MILLIS).plus(random.nextInt(1000), ChronoUnit.MICROS);
            if (i % 10 == 0) {
                at = START.plus(i, ChronoUnit.MINUTES);
            }
            event(EVENTS[random.nextInt(EVENTS.length)], at, random.nextBoolean() ? UUID.randomUUID() : null, p, 1 + (i % 3 == 0 ? 1 : 0));
        }
        event("$pageview", START.minus(1, ChronoUnit.MICROS), null, Map.of(), 1);
        event("$pageview", END, null, Map.of(), 1);
    }

    private SourceQuery query(ExportSchema schema, ExportFilters filters) {
        return new SourceQuery(project, ExportModel.EVENTS, schema, filters, INTERVAL, null);
    }

    private StreamedRows drain(EventSource from, SourceQuery query) {
        try (RecordBatchStream stream = from.open(query, allocator)) {
            return StreamedRows.drain(stream);
        }
    }

    /**
     * Rows with JSON objects and arrays parsed (the properties, an object-valued property path), so
     * both stores' JSON texts compare by value: PostgreSQL normalises jsonb's spacing and key order,
     * ClickHouse keeps the text as stored.
     */
    private static List<Map<String, Object>> comparable(StreamedRows rows) throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> row : rows.rows()) {
            Map<String, Object> copy = new LinkedHashMap<>(row);
            for (Map.Entry<String, Object> e : copy.entrySet()) {
                if (e.getValue() instanceof String text && (text.startsWith("{") || text.startsWith("["))) {
                    e.setValue(JSON.readTree(text));
                }
            }
            out.add(copy);
        }
        return out;
    }

    private void assertSameRows(ExportSchema schema, ExportFilters filters) throws Exception {
        SourceQuery query = query(schema, filters);
        StreamedRows expected = drain(postgres.source(1000), query);
        StreamedRows actual = drain(source, query.withResumeAfter(null));
        assertThat(comparable(actual)).isEqualTo(comparable(expected));
        assertThat(source.count(query)).isEqualTo(postgres.source(1000).count(query)).isEqualTo(expected.rows().size());
    }

    private ClickHouseEventSource teamSource() {
        return new ClickHouseEventSource(new ClickHouseConnection(clickhouse.url(), "posthog", "default", "", team));
    }

    @Test
    void theDefaultFieldsMatchThePostgresSourceRowForRowWithDuplicatesRemoved() throws Exception {
        demoEvents();
        try (ClickHouseEventSource scoped = teamSource()) {
            SourceQuery query = query(null, null);
            StreamedRows expected = drain(postgres.source(1000), query);
            StreamedRows actual = drain(scoped, query);
            assertThat(expected.rows()).hasSize(60);
            assertThat(comparable(actual)).isEqualTo(comparable(expected));
            assertThat(actual.column("uuid")).doesNotHaveDuplicates();
            assertThat(scoped.count(query)).isEqualTo(60);
            assertThat(actual.cursors().get(actual.cursors().size() - 1)).isEqualTo(expected.cursors().get(expected.cursors().size() - 1));
        }
    }

    @Test
    void theArrowSchemaIsThePostgresSourcesSchema() throws Exception {
        demoEvents();
        try (ClickHouseEventSource scoped = teamSource();
             RecordBatchStream ch = scoped.open(query(null, null), allocator);
             RecordBatchStream pg = postgres.source(1000).open(query(null, null), allocator)) {
            Schema expected = pg.schema();
            assertThat(ch.schema()).isEqualTo(expected);
        }
    }

    @Test
    void fieldsAndPropertyPathsWithAliasesMatch() throws Exception {
        demoEvents();
        try (ClickHouseEventSource scoped = teamSource()) {
            source = scoped;
            assertSameRows(new ExportSchema(List.of(
                    new ExportSchema.Field("event", "name"),
                    new ExportSchema.Field("properties.$browser", "browser"),
                    new ExportSchema.Field("properties.amount", "amount"),
                    new ExportSchema.Field("properties.plan", "plan"),
                    new ExportSchema.Field("properties.nested", "nested"),
                    new ExportSchema.Field("properties.nested.tag", "tag"),
                    new ExportSchema.Field("properties.missing", null))), null);
        } finally {
            source = null;
        }
    }

    @Test
    void everyFilterSelectsTheSameRowsAsInPostgres() throws Exception {
        demoEvents();
        ExportSchema uuids = new ExportSchema(List.of(new ExportSchema.Field("uuid", "uuid"), new ExportSchema.Field("event", "event")));
        try (ClickHouseEventSource scoped = teamSource()) {
            source = scoped;
            assertSameRows(uuids, new ExportFilters(List.of("signed_up", "purchase", "it's \"quoted\""), null, null));
            assertSameRows(uuids, new ExportFilters(null, List.of("$pageview"), null));
            assertSameRows(uuids, property("$browser", "exact", "Firefox"));
            assertSameRows(uuids, property("$browser", "exact", List.of("Firefox", "Safari")));
            assertSameRows(uuids, property("amount", "exact", 42));
            assertSameRows(uuids, property("$browser", "is_not", "Chrome"));
            assertSameRows(uuids, property("amount", "is_not", List.of(1, 2, 3)));
            assertSameRows(uuids, property("$current_url", "icontains", "SHOP.example.com/3"));
            assertSameRows(uuids, property("amount", "is_set", null));
            assertSameRows(uuids, property("plan", "is_not_set", null));
            assertSameRows(uuids, property("plan", "is_set", null));
        } finally {
            source = null;
        }
    }

    @Test
    void aResumedReadContinuesStrictlyAfterTheCursorLikePostgres() throws Exception {
        demoEvents();
        SourceQuery query = query(null, null);
        StreamedRows batches = drain(postgres.source(25), query);
        Cursor after = batches.cursors().get(0);
        try (ClickHouseEventSource scoped = teamSource()) {
            StreamedRows expected = drain(postgres.source(1000), query.withResumeAfter(after));
            StreamedRows actual = drain(scoped, query.withResumeAfter(after));
            assertThat(expected.rows()).hasSize(35);
            assertThat(comparable(actual)).isEqualTo(comparable(expected));
        }
    }

    @Test
    void aLimitedReadReturnsTheSameFirstRowsAsPostgresAndCountIgnoresTheLimit() throws Exception {
        demoEvents();
        SourceQuery query = query(null, property("$browser", "is_not", "Chrome")).withLimit(20);
        try (ClickHouseEventSource scoped = teamSource()) {
            StreamedRows expected = drain(postgres.source(1000), query);
            StreamedRows actual = drain(scoped, query);
            assertThat(expected.rows()).hasSize(20);
            assertThat(comparable(actual)).isEqualTo(comparable(expected));
            assertThat(scoped.count(query)).isEqualTo(postgres.source(1000).count(query)).isGreaterThan(20);
        }
    }

    @Test
    void aLargeIntervalStreamsBatchByBatchWithMemoryBoundedByTwoBatches() throws Exception {
        int rows = 500_000;
        clickhouse.execute("INSERT INTO posthog.events (uuid, event, properties, timestamp, team_id, distinct_id, person_id, inserted_at)"
                + " SELECT generateUUIDv4(), '$pageview', concat('{\"$browser\": \"Chrome\", \"n\": ', toString(number), '}'),"
                + " toDateTime64('2024-03-01 10:00:00', 6, 'UTC') + toIntervalMicrosecond(number * 7000), " + team + ","
                + " concat('user-', toString(number % 1000)), generateUUIDv4(),"
                + " toDateTime64('2024-03-01 10:00:00', 6, 'UTC') + toIntervalMicrosecond(number * 7000) FROM numbers(" + rows + ")");
        long read = 0;
        int batches = 0;
        long largestBatch = 0;
        long allBatches = 0;
        long started = System.nanoTime();
        try (ClickHouseEventSource scoped = teamSource(); RecordBatchStream stream = scoped.open(query(null, null), allocator)) {
            while (stream.next()) {
                long held = allocator.getAllocatedMemory();
                largestBatch = Math.max(largestBatch, held);
                allBatches += held;
                read += stream.root().getRowCount();
                batches++;
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("ClickHouse ArrowStream: %d rows in %d batches in %.2f s (%.0f rows/s), largest batch %.1f MB,"
                + " all batches %.1f MB, peak %.1f MB%n", read, batches, seconds, read / seconds, largestBatch / 1e6, allBatches / 1e6,
                allocator.getPeakMemoryAllocation() / 1e6);
        assertThat(read).isEqualTo(rows);
        assertThat(allocator.getPeakMemoryAllocation()).as("the next batch arrives while the last one is held, and nothing more")
                .isLessThanOrEqualTo(2 * largestBatch + 1024 * 1024).isLessThan(allBatches / 3);
    }

    @Test
    void onlyTheEventsModelAndKnownFieldsAreOffered() {
        assertThatThrownBy(() -> source.count(new SourceQuery(project, ExportModel.PERSONS, null, null, INTERVAL, null)))
                .isInstanceOf(InvalidSourceQueryException.class);
        assertThatThrownBy(() -> source.open(query(new ExportSchema(List.of(new ExportSchema.Field("elements_chain", "x"))), null), allocator))
                .isInstanceOf(InvalidSourceQueryException.class);
    }

    private static ExportFilters property(String key, String operator, Object value) {
        return new ExportFilters(null, null, List.of(new PropertyFilter(key, operator, value)));
    }
}
