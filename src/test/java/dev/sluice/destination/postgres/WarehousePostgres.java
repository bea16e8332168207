package dev.sluice.destination.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A real PostgreSQL (embedded, zonky) playing the customer's warehouse: database {@code warehouse}
 * owned by user {@code loader}, who must log in with a password over TCP (scram-sha-256), so a
 * wrong password really is refused.
 */
public final class WarehousePostgres implements AutoCloseable {

    public static final String DATABASE = "warehouse";
    public static final String USER = "loader";
    public static final String PASSWORD = "loader-Secret-9f2c";

    private final EmbeddedPostgres postgres;
    private final SingleConnectionDataSource superuser;

    private WarehousePostgres(EmbeddedPostgres postgres) {
        this.postgres = postgres;
        this.superuser = new SingleConnectionDataSource("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE + "?user=postgres", true);
    }

    public static WarehousePostgres start() {
        try {
            Path dataDir = Files.createTempDirectory("sluice-warehouse");
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(true).start();
            JdbcTemplate admin = new JdbcTemplate(postgres.getPostgresDatabase());
            admin.execute("create role " + USER + " login password '" + PASSWORD + "'");
            admin.execute("create database " + DATABASE + " owner " + USER);
            Files.writeString(dataDir.resolve("pg_hba.conf"), """
                    local all all trust
                    host all postgres 127.0.0.1/32 trust
                    host all postgres ::1/128 trust
                    host all all 127.0.0.1/32 scram-sha-256
                    host all all ::1/128 scram-sha-256
                    """);
            admin.execute("select pg_reload_conf()");
            return new WarehousePostgres(postgres);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /** A config for the warehouse as the loader; {@code overrides} replace or add keys (a null value removes one). */
    public Map<String, Object> config(String table, Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>(Map.of("host", "127.0.0.1", "port", port(), "database", DATABASE,
                "user", USER, "password", PASSWORD, "table_name", table));
        overrides.forEach((k, v) -> {
            if (v == null) {
                config.remove(k);
            } else {
                config.put(k, v);
            }
        });
        return config;
    }

    /** The warehouse database as its superuser, to look at what the loader wrote. */
    public JdbcTemplate jdbc() {
        return new JdbcTemplate(superuser);
    }

    @Override
    public void close() throws IOException {
        superuser.destroy();
        postgres.close();
    }
}
