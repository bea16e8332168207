package dev.sluice.source.clickhouse;

import dev.sluice.crypto.SecretCipher;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Each project's ClickHouse source settings ({@code project_sources}), with the password encrypted
 * by {@link SecretCipher}, and one {@link ClickHouseEventSource} (one HTTP client) per project,
 * rebuilt when the settings change.
 */
@Component
public class ClickHouseSources implements AutoCloseable {

    /** The stored settings; {@code encryptedPassword} is never shown. */
    record Settings(ClickHouseConnection connection, Instant updatedAt) {
    }

    private record Open(Instant updatedAt, ClickHouseEventSource source) {
    }

    private final JdbcTemplate jdbc;
    private final SecretCipher cipher;
    private final Clock clock;
    private final Map<UUID, Open> open = new ConcurrentHashMap<>();

    ClickHouseSources(JdbcTemplate jdbc, SecretCipher cipher, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.clock = clock;
    }

    Optional<Settings> settings(UUID projectId) {
        List<Settings> rows = jdbc.query("select url, database_name, username, password_encrypted, team_id, updated_at"
                + " from project_sources where project_id = ? and type = 'ClickHouse'", (rs, n) -> {
            String encrypted = rs.getString(4);
            long team = rs.getLong(5);
            Long teamId = rs.wasNull() ? null : team;
            return new Settings(new ClickHouseConnection(rs.getString(1), rs.getString(2), rs.getString(3),
                    encrypted == null ? null : cipher.decrypt(encrypted), teamId), rs.getTimestamp(6).toInstant());
        }, projectId);
        return rows.stream().findFirst();
    }

    /** Stores the settings; a null password keeps the stored one. */
    void save(UUID projectId, ClickHouseConnection connection) {
        String encrypted = connection.password() == null ? null : cipher.encrypt(connection.password());
        jdbc.update("""
                insert into project_sources (project_id, type, url, database_name, username, password_encrypted, team_id, updated_at)
                values (?, 'ClickHouse', ?, ?, ?, ?, ?, ?)
                on conflict (project_id) do update set type = 'ClickHouse', url = excluded.url, database_name = excluded.database_name,
                    username = excluded.username, team_id = excluded.team_id, updated_at = excluded.updated_at,
                    password_encrypted = coalesce(excluded.password_encrypted, project_sources.password_encrypted)""",
                projectId, connection.url(), connection.database(), connection.user(), encrypted, connection.teamId(),
                Timestamp.from(clock.instant()));
    }

    /** Back to the built-in event store. */
    void remove(UUID projectId) {
        jdbc.update("delete from project_sources where project_id = ?", projectId);
        Open old = open.remove(projectId);
        if (old != null) {
            old.source().close();
        }
    }

    /** The project's ClickHouse source, if it has one configured. */
    public Optional<ClickHouseEventSource> forProject(UUID projectId) {
        Optional<Settings> settings = settings(projectId);
        if (settings.isEmpty()) {
            return Optional.empty();
        }
        Settings s = settings.get();
        Open current = open.compute(projectId, (id, old) -> {
            if (old != null && old.updatedAt().equals(s.updatedAt())) {
                return old;
            }
            if (old != null) {
                old.source().close();
            }
            return new Open(s.updatedAt(), new ClickHouseEventSource(s.connection()));
        });
        return Optional.of(current.source());
    }

    @Override
    public void close() {
        open.values().forEach(o -> o.source().close());
        open.clear();
    }
}
