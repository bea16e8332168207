package dev.sluice.destination.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.common.DataInterval;
import dev.sluice.destination.ConnectionStep;
import dev.sluice.destination.DestinationRequest;
import dev.sluice.destination.DestinationUserException;
import dev.sluice.destination.ExportCheckpoint;
import dev.sluice.destination.ExportOutcome;
import dev.sluice.source.ExportModel;
import dev.sluice.source.ExportSchema;
import dev.sluice.source.FailingBatchStream;
import dev.sluice.source.RecordBatchStream;
import dev.sluice.source.SourceQuery;
import dev.sluice.source.postgres.TestEventStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Postgres destination against a real PostgreSQL warehouse, fed by the real Postgres event source. */
class PostgresDestinationTest {

    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    private static final DataInterval INTERVAL = new DataInterval(START, START.plusSeconds(3600));
    private static final DataInterval NEXT = new DataInterval(INTERVAL.end(), INTERVAL.end().plusSeconds(3600));

    private static TestEventStore store;
    private static WarehousePostgres warehouse;
    private final PostgresDestination destination = new PostgresDestination();

    @BeforeAll
    static void start() {
        store = TestEventStore.start();
        warehouse = WarehousePostgres.start();
    }

    @AfterAll
    static void stop() throws Exception {
        store.close();
        warehouse.close();
    }

    @Test
    void anIntervalLandsInANewTableWithTypedColumnsAndNoStagingTableLeft() {
        UUID project = store.newProject();
        UUID first = store.event(project, "$pageview", START.plusSeconds(10), "{\"$browser\": \"Firefox\", \"n\": 1}");
        store.event(project, "signup", START.plusSeconds(20), "{}");
        store.event(project, "late", NEXT.start().plusSeconds(5), "{}");
        String table = table();

        ExportOutcome outcome = write(project, ExportModel.EVENTS, null, INTERVAL, config(table), UUID.randomUUID());

        assertThat(outcome.records()).isEqualTo(2);
        assertThat(outcome.bytes()).isPositive();
        assertThat(count(table)).isEqualTo(2);
        assertThat(warehouse.jdbc().queryForObject("select properties ->> '$browser' from public." + table + " where uuid = ?",
                String.class, first)).isEqualTo("Firefox");
        assertThat(columnTypes(table)).containsEntry("uuid", "uuid").containsEntry("properties", "jsonb")
                .containsEntry("timestamp", "timestamp with time zone").containsEntry("event", "text");
        assertThat(warehouse.jdbc().queryForList("select a.attname from pg_index i join pg_attribute a on a.attrelid = i.indrelid"
                + " and a.attnum = any(i.indkey) where i.indisprimary and i.indrelid = ?::regclass", String.class, "public." + table))
                .containsExactly("uuid");
        assertThat(stagingTables()).isEmpty();
    }

    @Test
    void aRetriedIntervalReplacesItsRowsInsteadOfDuplicatingThem() {
        UUID project = store.newProject();
        for (int i = 0; i < 7; i++) {
            store.event(project, "e" + i, START.plusSeconds(60L * i), "{\"i\": " + i + "}");
        }
        String table = table();

        write(project, ExportModel.EVENTS, null, INTERVAL, config(table), UUID.randomUUID());
        ExportOutcome retried = write(project, ExportModel.EVENTS, null, INTERVAL, config(table), UUID.randomUUID());
        write(project, ExportModel.EVENTS, null, NEXT, config(table), UUID.randomUUID());

        long sourceRows = store.source(10).count(query(project, ExportModel.EVENTS, null, INTERVAL));
        assertThat(sourceRows).isEqualTo(7);
        assertThat(retried.records()).isEqualTo(sourceRows);
        assertThat(count(table)).isEqualTo(sourceRows);
        assertThat(warehouse.jdbc().queryForObject("select count(distinct uuid) from public." + table, Long.class)).isEqualTo(sourceRows);
        assertThat(stagingTables()).isEmpty();
    }

    @Test
    void personsAreUpsertedByIdKeepingTheNewerVersion() {
        UUID project = store.newProject();
        UUID person = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        store.person(project, person, 2, "{\"plan\": \"free\"}", START, START.plusSeconds(5), "d-1");
        store.person(project, other, 1, "{}", START, START.plusSeconds(6), "d-2");
        String table = table();

        write(project, ExportModel.PERSONS, null, INTERVAL, config(table), UUID.randomUUID());
        assertThat(version(table, person)).isEqualTo(2);

        store.person(project, person, 5, "{\"plan\": \"paid\"}", START, NEXT.start().plusSeconds(5));
        write(project, ExportModel.PERSONS, null, NEXT, config(table), UUID.randomUUID());
        assertThat(version(table, person)).isEqualTo(5);
        assertThat(warehouse.jdbc().queryForObject("select properties ->> 'plan' from public." + table + " where person_id = ?",
                String.class, person)).isEqualTo("paid");

        warehouse.jdbc().update("update public." + table + " set version = 9, properties = '{\"plan\": \"newer\"}' where person_id = ?", person);
        write(project, ExportModel.PERSONS, null, NEXT, config(table), UUID.randomUUID());
        assertThat(version(table, person)).isEqualTo(9);
        assertThat(count(table)).isEqualTo(2);
        assertThat(columnTypes(table)).containsEntry("person_id", "uuid").containsEntry("distinct_ids", "jsonb").containsEntry("version", "bigint");
    }

    @Test
    void aLoadInSmallChunksCheckpointsEachChunkAndARetriedAttemptStagesOnlyTheRowsAfterTheLastCheckpoint() {
        UUID project = store.newProject();
        List<UUID> uuids = events(project, 50);
        String table = table();
        UUID run = UUID.randomUUID();
        List<ExportCheckpoint> first = new ArrayList<>();

        assertThatThrownBy(() -> chunked(project, table, run, ExportCheckpoint.start(), 3, first))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("source lost");

        assertThat(first).extracting(ExportCheckpoint::records).containsExactly(10L, 20L, 30L);
        assertThat(first).extracting(ExportCheckpoint::filesCompleted).containsExactly(1, 2, 3);
        assertThat(first.get(2).state()).containsEntry("stage", stagesOf(table).get(0));
        assertThat(stagesOf(table)).as("a retryable failure keeps the stage for the next attempt").hasSize(1);
        assertThat(warehouse.jdbc().queryForObject("select count(*) from public." + stagesOf(table).get(0), Long.class)).isEqualTo(30);

        List<ExportCheckpoint> second = new ArrayList<>();
        ExportOutcome outcome = chunked(project, table, run, first.get(2), -1, second);

        assertThat(second).extracting(ExportCheckpoint::records).containsExactly(40L, 50L, 50L);
        assertThat(second.get(2).state()).as("the last checkpoint says the merge is done").containsKey("merged");
        assertThat(outcome.records()).isEqualTo(50);
        assertThat(outcome.bytes()).isEqualTo(second.get(2).bytes());
        assertThat(warehouse.jdbc().queryForList("select uuid from public." + table, UUID.class)).hasSize(50).containsExactlyInAnyOrderElementsOf(uuids);
        assertThat(stagesOf(table)).isEmpty();
    }

    @Test
    void rowsStagedTwiceBecauseTheLatestCheckpointsWereLostAreMergedOnce() {
        UUID project = store.newProject();
        List<UUID> uuids = events(project, 50);
        String table = table();
        UUID run = UUID.randomUUID();
        List<ExportCheckpoint> first = new ArrayList<>();
        assertThatThrownBy(() -> chunked(project, table, run, ExportCheckpoint.start(), 4, first)).isInstanceOf(IllegalStateException.class);

        ExportOutcome outcome = chunked(project, table, run, first.get(0), -1, new ArrayList<>());

        assertThat(outcome.records()).as("the distinct rows staged, not the 80 sent").isEqualTo(50);
        assertThat(warehouse.jdbc().queryForList("select uuid from public." + table, UUID.class)).hasSize(50).containsExactlyInAnyOrderElementsOf(uuids);
    }

    @Test
    void anAttemptAfterOneThatFailedOnceItsMergeCommittedFindsNothingLeftToLoadAndCountsTheInterval() {
        UUID project = store.newProject();
        events(project, 25);
        String table = table();
        UUID run = UUID.randomUUID();
        List<ExportCheckpoint> first = new ArrayList<>();
        chunked(project, table, run, ExportCheckpoint.start(), -1, first);
        ExportCheckpoint merged = first.get(first.size() - 1);
        assertThat(merged.state()).containsKey("merged");
        assertThat(merged.records()).isEqualTo(25);

        List<ExportCheckpoint> second = new ArrayList<>();
        ExportOutcome again = chunked(project, table, run, merged, -1, second);

        assertThat(again.records()).isEqualTo(25);
        assertThat(second).hasSize(1).allSatisfy(c -> assertThat(c.state()).containsKey("merged"));
        assertThat(count(table)).isEqualTo(25);
        assertThat(stagesOf(table)).isEmpty();
    }

    @Test
    void aCheckpointWhoseStagingTableIsGoneStartsTheIntervalOverFromAnEmptyCheckpoint() {
        UUID project = store.newProject();
        events(project, 30);
        String table = table();
        UUID run = UUID.randomUUID();
        List<ExportCheckpoint> first = new ArrayList<>();
        assertThatThrownBy(() -> chunked(project, table, run, ExportCheckpoint.start(), 2, first)).isInstanceOf(IllegalStateException.class);
        warehouse.jdbc().execute("drop table public." + first.get(1).state().get("stage"));

        List<ExportCheckpoint> second = new ArrayList<>();
        assertThatThrownBy(() -> chunked(project, table, run, first.get(1), -1, second))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is gone").hasMessageContaining("written again from its start");

        assertThat(second).containsExactly(ExportCheckpoint.start());
        ExportOutcome fresh = chunked(project, table, run, ExportCheckpoint.start(), -1, new ArrayList<>());
        assertThat(fresh.records()).isEqualTo(30);
        assertThat(count(table)).isEqualTo(30);
    }

    @Test
    void aUserErrorInTheMergeDropsTheStageAndLeavesTheTargetAsItWas() {
        UUID project = store.newProject();
        events(project, 20);
        String table = table();
        warehouse.jdbc().execute("create table public." + table + " (uuid uuid primary key, event integer)");
        warehouse.jdbc().execute("alter table public." + table + " owner to " + WarehousePostgres.USER);

        assertThatThrownBy(() -> chunked(project, table, UUID.randomUUID(), ExportCheckpoint.start(), -1, new ArrayList<>()))
                .isInstanceOf(DestinationUserException.class).hasMessageContaining("cannot take the export's rows");

        assertThat(count(table)).isZero();
        assertThat(stagesOf(table)).isEmpty();
    }

    @Test
    void columnsFollowTheExportsSchemaAliasesQuotedAsGiven() {
        UUID project = store.newProject();
        store.event(project, "clicked \"buy\"", START.plusSeconds(10), "{}");
        String table = table();
        ExportSchema schema = new ExportSchema(List.of(new ExportSchema.Field("uuid", "uuid"),
                new ExportSchema.Field("event", "Event Name"), new ExportSchema.Field("timestamp", "ts")));

        write(project, ExportModel.EVENTS, schema, INTERVAL, config(table), UUID.randomUUID());

        assertThat(columnTypes(table)).containsOnlyKeys("uuid", "Event Name", "ts");
        assertThat(warehouse.jdbc().queryForObject("select \"Event Name\" from public." + table, String.class)).isEqualTo("clicked \"buy\"");
    }

    @Test
    void aWrongPasswordIsAUserErrorThatDoesNotRepeatThePassword() {
        UUID project = store.newProject();
        store.event(project, "e", START.plusSeconds(10), "{}");
        String wrong = "Wrong-Password-7731";
        Map<String, Object> config = warehouse.config(table(), Map.of("password", wrong));

        assertThatThrownBy(() -> write(project, ExportModel.EVENTS, null, INTERVAL, config, UUID.randomUUID()))
                .isInstanceOf(DestinationUserException.class)
                .hasMessageContaining("refused the login of user 'loader'")
                .hasMessageNotContaining(wrong)
                .hasNoCause();

        List<ConnectionStep> steps = destination.testConnection(config);
        assertThat(steps).extracting(ConnectionStep::name).containsExactly(TableWriter.CONNECT, TableWriter.CHECK_TABLE, TableWriter.TEST_ROW);
        assertThat(steps).extracting(ConnectionStep::passed).containsExactly(false, false, false);
        assertThat(steps.get(0).message()).contains("check the user name and password").doesNotContain(wrong);
    }

    @Test
    void aMissingDatabaseOrSchemaIsAUserError() {
        UUID project = store.newProject();
        store.event(project, "e", START.plusSeconds(10), "{}");

        assertThatThrownBy(() -> write(project, ExportModel.EVENTS, null, INTERVAL,
                warehouse.config(table(), Map.of("database", "no_such_db")), UUID.randomUUID()))
                .isInstanceOf(DestinationUserException.class).hasMessageContaining("database 'no_such_db' does not exist");
        assertThatThrownBy(() -> write(project, ExportModel.EVENTS, null, INTERVAL,
                warehouse.config(table(), Map.of("schema", "no_such_schema")), UUID.randomUUID()))
                .isInstanceOf(DestinationUserException.class).hasMessageContaining("no_such_schema");
    }

    @Test
    void anUnreachableServerIsRetryable() {
        UUID project = store.newProject();
        Map<String, Object> config = warehouse.config(table(), Map.of("port", 1));

        assertThatThrownBy(() -> write(project, ExportModel.EVENTS, null, INTERVAL, config, UUID.randomUUID()))
                .isNotInstanceOf(DestinationUserException.class)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("127.0.0.1:1");
    }

    @Test
    void testingTheConnectionPassesEveryStepAndLeavesNothingBehind() {
        String table = table();
        List<ConnectionStep> steps = destination.testConnection(config(table));

        assertThat(steps).extracting(ConnectionStep::name).containsExactly("Connect", "Create or check the table", "Write and roll back a test row");
        assertThat(steps).allSatisfy(s -> assertThat(s.passed()).as(s.message()).isTrue());
        assertThat(steps.get(1).message()).contains("does not exist yet");
        assertThat(warehouse.jdbc().queryForObject("select count(*) from pg_tables where tablename like 'sluice_connection_test%'"
                + " or tablename = ?", Long.class, table)).as("no probe or target table remains").isZero();

        List<ConnectionStep> missingSchema = destination.testConnection(warehouse.config(table, Map.of("schema", "nowhere")));
        assertThat(missingSchema.get(1).passed()).isFalse();
        assertThat(missingSchema.get(1).message()).contains("schema 'nowhere' does not exist");
    }

    private ExportOutcome write(UUID project, ExportModel model, ExportSchema schema, DataInterval interval, Map<String, Object> config,
                                UUID runId) {
        try (BufferAllocator allocator = new RootAllocator();
             RecordBatchStream rows = store.source(2).open(query(project, model, schema, interval), allocator)) {
            return destination.write(new DestinationRequest(UUID.randomUUID(), runId, project, interval, model, config,
                    ExportCheckpoint.start()), rows, checkpoint -> { });
        }
    }

    private List<UUID> events(UUID project, int count) {
        List<UUID> uuids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            uuids.add(store.event(project, "e" + i, START.plusSeconds(i), "{\"i\": " + i + "}"));
        }
        return uuids;
    }

    /**
     * One attempt through a writer that commits every batch of 10 rows as a chunk, resuming after
     * {@code from}; with {@code failAfter} ≥ 0 the source fails when asked for the batch after that many.
     */
    private ExportOutcome chunked(UUID project, String table, UUID runId, ExportCheckpoint from, int failAfter,
                                  List<ExportCheckpoint> checkpoints) {
        PostgresDestination chunked = new PostgresDestination(1);
        SourceQuery query = query(project, ExportModel.EVENTS, null, INTERVAL).withResumeAfter(from.cursor());
        try (BufferAllocator allocator = new RootAllocator();
             RecordBatchStream rows = new FailingBatchStream(store.source(10).open(query, allocator), failAfter)) {
            return chunked.write(new DestinationRequest(UUID.randomUUID(), runId, project, INTERVAL, ExportModel.EVENTS, config(table), from),
                    rows, checkpoints::add);
        }
    }

    private static SourceQuery query(UUID project, ExportModel model, ExportSchema schema, DataInterval interval) {
        return new SourceQuery(project, model, schema, null, interval, null);
    }

    private static Map<String, Object> config(String table) {
        return warehouse.config(table, Map.of());
    }

    private static String table() {
        return "export_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static long count(String table) {
        return warehouse.jdbc().queryForObject("select count(*) from public." + table, Long.class);
    }

    private static long version(String table, UUID person) {
        return warehouse.jdbc().queryForObject("select version from public." + table + " where person_id = ?", Long.class, person);
    }

    private static Map<String, String> columnTypes(String table) {
        Map<String, String> types = new HashMap<>();
        warehouse.jdbc().query("select column_name, data_type from information_schema.columns where table_schema = 'public' and table_name = ?",
                rs -> {
                    types.put(rs.getString(1), rs.getString(2));
                }, table);
        return types;
    }

    private static List<String> stagesOf(String table) {
        return warehouse.jdbc().queryForList("select tablename from pg_tables where tablename like ?", String.class, "stage\\_" + table + "\\_%");
    }

    private static List<String> stagingTables() {
        return warehouse.jdbc().queryForList("select tablename from pg_tables where tablename like 'stage\\_%'", String.class);
    }
}
