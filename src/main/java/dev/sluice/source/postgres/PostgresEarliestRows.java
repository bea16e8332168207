package dev.sluice.source.postgres;

import dev.sluice.source.EarliestRows;
import dev.sluice.source.ExportModel;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Oldest ingestion time ({@code updated_at} for persons) of a project's rows in the built-in event store. */
@Component
class PostgresEarliestRows implements EarliestRows {

    private final JdbcTemplate jdbc;

    PostgresEarliestRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Instant> earliestInsertedAt(UUID projectId, ExportModel model) {
        SourceTable table = SourceTable.of(model);
        String sql = "select min(" + table.timeColumn() + ") from " + table.from() + " where " + table.projectColumn() + " = ?";
        return Optional.ofNullable(jdbc.queryForObject(sql, Timestamp.class, projectId)).map(Timestamp::toInstant);
    }
}
