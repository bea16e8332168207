package dev.sluice.source;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
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
    public Optional<Instant> earliestInsertedAt(UUID projectId, ExportModel model) {
        String sql = model == ExportModel.PERSONS
                ? "select min(updated_at) from persons where project_id = ?"
                : "select min(inserted_at) from events where project_id = ?";
        Timestamp earliest = jdbc.queryForObject(sql, Timestamp.class, projectId);
        return Optional.ofNullable(earliest).map(Timestamp::toInstant);
    }
}
