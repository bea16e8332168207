package dev.sluice.source.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A real PostgreSQL (embedded, zonky) with Sluice's migrations applied, and helpers that insert
 * projects, events and persons the way the capture API stores them.
 */
public final class TestEventStore implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final JdbcTemplate jdbc;

    private TestEventStore(EmbeddedPostgres postgres) {
        this.postgres = postgres;
        this.jdbc = new JdbcTemplate(postgres.getPostgresDatabase());
    }

    public static TestEventStore start() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            Flyway.configure().dataSource(postgres.getPostgresDatabase()).locations("classpath:db/migration").load().migrate();
            return new TestEventStore(postgres);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public DataSource dataSource() {
        return postgres.getPostgresDatabase();
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    public PostgresEventSource source(int batchRows) {
        return new PostgresEventSource(dataSource(), new SourceProperties(batchRows));
    }

    public UUID newProject() {
        UUID id = UUID.randomUUID();
        jdbc.update("insert into projects (id, name, api_token, created_at) values (?, ?, ?, now())", id, "test " + id, "phc_" + id);
        return id;
    }

    /** Inserts an event and returns its uuid. */
    public UUID event(UUID project, String event, Instant insertedAt, String propertiesJson) {
        return event(project, UUID.randomUUID(), event, insertedAt, propertiesJson);
    }

    public UUID event(UUID project, UUID uuid, String event, Instant insertedAt, String propertiesJson) {
        jdbc.update("insert into events (project_id, uuid, event, distinct_id, person_id, properties, timestamp, inserted_at)"
                        + " values (?, ?, ?, ?, ?, ?::jsonb, ?, ?)",
                project, uuid, event, "user-" + uuid.toString().substring(0, 8), null, propertiesJson,
                Timestamp.from(insertedAt.minusSeconds(1)), Timestamp.from(insertedAt));
        return uuid;
    }

    public void person(UUID project, UUID id, long version, String propertiesJson, Instant createdAt, Instant updatedAt,
                       String... distinctIds) {
        jdbc.update("insert into persons (project_id, id, properties, created_at, version, updated_at) values (?, ?, ?::jsonb, ?, ?, ?)"
                        + " on conflict (project_id, id) do update set properties = excluded.properties, version = excluded.version,"
                        + " updated_at = excluded.updated_at",
                project, id, propertiesJson, Timestamp.from(createdAt), version, Timestamp.from(updatedAt));
        for (String distinctId : distinctIds) {
            jdbc.update("insert into person_distinct_ids (project_id, distinct_id, person_id) values (?, ?, ?)"
                    + " on conflict (project_id, distinct_id) do update set person_id = excluded.person_id", project, distinctId, id);
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
