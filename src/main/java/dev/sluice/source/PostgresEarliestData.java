package dev.sluice.source;

import dev.sluice.export.BatchExport;
import dev.sluice.run.EarliestData;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Oldest ingestion time of a project's rows in the built-in Postgres event store. */
@Component
class PostgresEarliestData implements EarliestData {

    private final JdbcTemplate jdbc;

    PostgresEarliestData(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Instant> earliestInsertedAt(BatchExport export) {
        String sql = export.getModel() == ExportModel.PERSONS
                ? "select min(updated_at) from persons where project_id = ?"
                : "select min(inserted_at) from events where project_id = ?";
        Timestamp earliest = jdbc.queryForObject(sql, Timestamp.class, export.getProjectId());
        return Optional.ofNullable(earliest).map(Timestamp::toInstant);
    }
}
