package dev.sluice.ingest;

import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes captured events into the Postgres event store with JDBC batch statements. A uuid already
 * stored for the project is skipped ({@code on conflict do nothing}), so re-sent events are stored once.
 */
@Repository
class EventStore {

    static final int BATCH_SIZE = 1000;

    private static final String INSERT = """
            insert into events (project_id, uuid, event, distinct_id, properties, timestamp, inserted_at)
            values (?, ?, ?, ?, ?::jsonb, ?, ?)
            on conflict (project_id, uuid) do nothing""";

    private final JdbcTemplate jdbc;

    EventStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts all rows or none; returns how many were new. The count comes from the driver's
     * per-statement update counts (pgjdbc reports them unless {@code reWriteBatchedInserts} is on).
     */
    @Transactional
    public int insert(UUID projectId, List<EventRow> rows) {
        int inserted = 0;
        int[][] counts = jdbc.batchUpdate(INSERT, rows, BATCH_SIZE, (ps, row) -> {
            ps.setObject(1, projectId);
            ps.setObject(2, row.uuid());
            ps.setString(3, row.event());
            ps.setString(4, row.distinctId());
            ps.setString(5, row.propertiesJson());
            ps.setTimestamp(6, Timestamp.from(row.timestamp()));
            ps.setTimestamp(7, Timestamp.from(row.insertedAt()));
        });
        for (int[] batch : counts) {
            for (int n : batch) {
                inserted += Math.max(n, 0);
            }
        }
        return inserted;
    }
}
