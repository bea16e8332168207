package dev.sluice.ingest;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes captured events into the Postgres event store with JDBC batch statements. A uuid already
 * stored for the project is skipped ({@code on conflict do nothing}), so re-sent events are stored
 * (and change persons) once.
 */
@Repository
class EventStore {

    static final int BATCH_SIZE = 1000;

    private static final String INSERT = """
            insert into events (project_id, uuid, event, distinct_id, properties, timestamp, inserted_at)
            values (?, ?, ?, ?, ?::jsonb, ?, ?)
            on conflict (project_id, uuid) do nothing""";

    private final JdbcTemplate jdbc;
    private final PersonStore persons;

    EventStore(JdbcTemplate jdbc, PersonStore persons) {
        this.jdbc = jdbc;
        this.persons = persons;
    }

    /**
     * Inserts all rows or none, and applies the new ones to the project's persons in the same
     * transaction (see {@link PersonStore}); an event already stored is neither stored again nor
     * applied again. Which rows are new comes from the driver's per-statement update counts (pgjdbc
     * reports them unless {@code reWriteBatchedInserts} is on).
     */
    @Transactional
    public StoredEvents insert(UUID projectId, List<EventRow> rows) {
        List<EventRow> fresh = new ArrayList<>(rows.size());
        int index = 0;
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
                if (n > 0) {
                    fresh.add(rows.get(index));
                }
                index++;
            }
        }
        return new StoredEvents(fresh.size(), persons.apply(projectId, fresh));
    }
}
