package dev.sluice.notify;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The notifier's memory in {@code export_health} and {@code export_alerts_sent}. Updates are single
 * statements or lock the export's row, so runs of one export finishing at the same moment count correctly.
 */
@Component
class ExportHealthStore {

    private final JdbcTemplate jdbc;

    ExportHealthStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Counts one more {@code Failed} run; returns the failures in a row. */
    int failed(UUID exportId, Instant now) {
        return jdbc.queryForObject("""
                insert into export_health (batch_export_id, consecutive_failures, consecutive_with_rows, last_updated_at)
                values (?, 1, 0, ?)
                on conflict (batch_export_id) do update
                   set consecutive_failures = export_health.consecutive_failures + 1, last_updated_at = excluded.last_updated_at
                returning consecutive_failures""", Integer.class, exportId, Timestamp.from(now));
    }

    /** Ends a failure streak without counting towards a new one (the export was paused). */
    void resetFailures(UUID exportId, Instant now) {
        jdbc.update("update export_health set consecutive_failures = 0, last_updated_at = ? where batch_export_id = ?",
                Timestamp.from(now), exportId);
    }

    /**
     * Records a completed run: the failure streak ends, and the streak of runs with rows grows or,
     * for an empty run, ends. Returns the streak of runs with rows before this run. Runs inside the
     * caller's transaction, which holds the export's row locked until it commits.
     */
    int completed(UUID exportId, boolean hadRows, Instant now) {
        jdbc.update("""
                insert into export_health (batch_export_id, consecutive_failures, consecutive_with_rows, last_updated_at)
                values (?, 0, 0, ?) on conflict (batch_export_id) do nothing""", exportId, Timestamp.from(now));
        Integer before = jdbc.queryForObject("select consecutive_with_rows from export_health where batch_export_id = ? for update",
                Integer.class, exportId);
        int withRowsBefore = before == null ? 0 : before;
        jdbc.update("""
                update export_health set consecutive_failures = 0, consecutive_with_rows = ?, last_updated_at = ?
                 where batch_export_id = ?""", hadRows ? withRowsBefore + 1 : 0, Timestamp.from(now), exportId);
        return withRowsBefore;
    }

    /**
     * Claims the right to send an alert of {@code kind} for an export: true (and remembered) when
     * none was sent within {@code every}, false otherwise.
     */
    boolean claimAlert(UUID exportId, AlertKind kind, Instant now, Duration every) {
        Integer claimed = jdbc.query("""
                insert into export_alerts_sent (batch_export_id, kind, last_sent_at) values (?, ?, ?)
                on conflict (batch_export_id, kind) do update set last_sent_at = excluded.last_sent_at
                 where export_alerts_sent.last_sent_at <= ?
                returning 1""", rs -> rs.next() ? 1 : 0,
                exportId, claimKey(kind), Timestamp.from(now), Timestamp.from(now.minus(every)));
        return claimed != null && claimed == 1;
    }

    /** A failure and the pause it caused are one alert slot: the pause is always sent, and counts. */
    void rememberAlert(UUID exportId, AlertKind kind, Instant now) {
        jdbc.update("""
                insert into export_alerts_sent (batch_export_id, kind, last_sent_at) values (?, ?, ?)
                on conflict (batch_export_id, kind) do update set last_sent_at = excluded.last_sent_at""",
                exportId, claimKey(kind), Timestamp.from(now));
    }

    private static String claimKey(AlertKind kind) {
        return kind == AlertKind.EXPORT_PAUSED ? AlertKind.RUN_FAILED.apiValue() : kind.apiValue();
    }
}
