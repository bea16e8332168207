package dev.sluice.destination.redshift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.common.DataInterval;
import dev.sluice.destination.DestinationRequest;
import dev.sluice.destination.ExportCheckpoint;
import dev.sluice.destination.ExportOutcome;
import dev.sluice.destination.postgres.WarehousePostgres;
import dev.sluice.source.ExportModel;
import dev.sluice.source.FailingBatchStream;
import dev.sluice.source.RecordBatchStream;
import dev.sluice.source.SourceQuery;
import dev.sluice.source.postgres.TestEventStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

/**
 * The Redshift code path with {@code properties_data_type = varchar} runs unchanged on PostgreSQL
 * (same protocol, and every statement it sends is also valid PostgreSQL), so its chunked inserts
 * and merge are exercised for real here. {@code SUPER} and {@code JSON_PARSE} are Redshift-only and
 * covered by {@link RedshiftSqlTest}.
 */
class RedshiftOnPostgresTest {

    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    private static final DataInterval INTERVAL = new DataInterval(START, START.plusSeconds(3600));

    @Test
    void chunkedInsertsAndTheMergeLoadEveryRowOnceAlsoWhenRetried() throws Exception {
        try (TestEventStore store = TestEventStore.start(); WarehousePostgres warehouse = WarehousePostgres.start()) {
            UUID project = store.newProject();
            for (int i = 0; i < 2_500; i++) {
                store.event(project, "e" + i, START.plusMillis(1000L * i), "{\"i\": " + i + ", \"quote\": \"\\\"\"}");
            }
            Map<String, Object> config = warehouse.config("rs_events", Map.of("properties_data_type", "varchar"));
            RedshiftDestination destination = new RedshiftDestination();

            write(store, destination, project, config);
            ExportOutcome retried = write(store, destination, project, config);

            assertThat(retried.records()).isEqualTo(2_500);
            assertThat(warehouse.jdbc().queryForObject("select count(distinct uuid) from public.rs_events", Long.class)).isEqualTo(2_500);
            assertThat(warehouse.jdbc().queryForObject("select count(*) from public.rs_events", Long.class)).isEqualTo(2_500);
            assertThat(warehouse.jdbc().queryForObject("select data_type from information_schema.columns where table_name = 'rs_events'"
                    + " and column_name = 'properties'", String.class)).isEqualTo("character varying");
            assertThat(warehouse.jdbc().queryForObject("select properties from public.rs_events where event = 'e7'", String.class))
                    .contains("\"i\": 7");
        }
    }

    @Test
    void aRetriedAttemptResumesItsInsertsAfterTheCheckpointAndMergesRowsStagedTwiceOnce() throws Exception {
        try (TestEventStore store = TestEventStore.start(); WarehousePostgres warehouse = WarehousePostgres.start()) {
            UUID project = store.newProject();
            for (int i = 0; i < 2_500; i++) {
                store.event(project, "e" + i, START.plusMillis(1000L * i), "{}");
            }
            Map<String, Object> config = warehouse.config("rs_resumed", Map.of("properties_data_type", "varchar"));
            RedshiftDestination destination = new RedshiftDestination(1);
            UUID run = UUID.randomUUID();
            List<ExportCheckpoint> first = new ArrayList<>();

            assertThatThrownBy(() -> write(store, destination, project, config, run, ExportCheckpoint.start(), 3, first))
                    .hasMessageContaining("source lost");
            assertThat(first).extracting(ExportCheckpoint::records).containsExactly(700L, 1_400L, 2_100L);

            List<ExportCheckpoint> second = new ArrayList<>();
            ExportOutcome resumed = write(store, destination, project, config, run, first.get(0), -1, second);

            assertThat(second).extracting(ExportCheckpoint::records).as("rows 701-2,500 staged again after the first checkpoint")
                    .containsExactly(1_400L, 2_100L, 2_500L, 2_500L);
            assertThat(resumed.records()).isEqualTo(2_500);
            assertThat(warehouse.jdbc().queryForObject("select count(*) from public.rs_resumed", Long.class)).isEqualTo(2_500);
            assertThat(warehouse.jdbc().queryForObject("select count(distinct uuid) from public.rs_resumed", Long.class)).isEqualTo(2_500);
            assertThat(warehouse.jdbc().queryForList("select tablename from pg_tables where tablename like 'stage%'", String.class)).isEmpty();
        }
    }

    private static ExportOutcome write(TestEventStore store, RedshiftDestination destination, UUID project, Map<String, Object> config,
                                       UUID run, ExportCheckpoint from, int failAfter, List<ExportCheckpoint> checkpoints) {
        SourceQuery query = new SourceQuery(project, ExportModel.EVENTS, null, null, INTERVAL, null).withResumeAfter(from.cursor());
        try (BufferAllocator allocator = new RootAllocator();
             RecordBatchStream rows = new FailingBatchStream(store.source(700).open(query, allocator), failAfter)) {
            return destination.write(new DestinationRequest(UUID.randomUUID(), run, project, INTERVAL, ExportModel.EVENTS, config, from),
                    rows, checkpoints::add);
        }
    }

    private static ExportOutcome write(TestEventStore store, RedshiftDestination destination, UUID project, Map<String, Object> config) {
        try (BufferAllocator allocator = new RootAllocator();
             RecordBatchStream rows = store.source(700).open(new SourceQuery(project, ExportModel.EVENTS, null, null, INTERVAL, null), allocator)) {
            return destination.write(new DestinationRequest(UUID.randomUUID(), UUID.randomUUID(), project, INTERVAL, ExportModel.EVENTS,
                    config, ExportCheckpoint.start()), rows, checkpoint -> { });
        }
    }
}
