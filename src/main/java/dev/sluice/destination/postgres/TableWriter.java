package dev.sluice.destination.postgres;

import dev.sluice.destination.ConnectionStep;
import dev.sluice.destination.DestinationRequest;
import dev.sluice.destination.DestinationUserException;
import dev.sluice.destination.ExportOutcome;
import dev.sluice.source.ExportModel;
import dev.sluice.source.RecordBatchStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads one interval into a SQL table, shared by Postgres and Redshift. The rows go into a staging
 * table of the run ({@link TableSql#stageTableName}), which one transaction then merges into the
 * target (created if missing); the staging table is dropped afterwards, also when the load fails.
 * A write that fails leaves the target as it was, so the next attempt simply starts over: nothing
 * is checkpointed half-way, and the outcome counts the interval's rows.
 */
public final class TableWriter {

    private static final Logger log = LoggerFactory.getLogger(TableWriter.class);

    static final String CONNECT = "Connect";
    static final String CHECK_TABLE = "Create or check the table";
    static final String TEST_ROW = "Write and roll back a test row";
    private static final List<String> STEP_NAMES = List.of(CONNECT, CHECK_TABLE, TEST_ROW);

    private final TableDialect dialect;

    public TableWriter(TableDialect dialect) {
        this.dialect = dialect;
    }

    public PostgresConfig config(Map<String, Object> config) {
        return PostgresConfig.parse(config, dialect.displayName(), dialect.defaultPort());
    }

    public ExportOutcome write(DestinationRequest request, RecordBatchStream rows) {
        PostgresConfig config = config(request.config());
        TableColumns columns = TableColumns.of(rows.schema(), request.model() == null ? ExportModel.EVENTS : request.model(), dialect.displayName());
        TableSql sql = new TableSql(dialect, config, columns, TableSql.stageTableName(config.table(), request.interval().end(), request.runId()));
        try (Connection connection = PostgresConnections.open(config)) {
            connection.setAutoCommit(true);
            createTarget(connection, sql);
            execute(connection, sql.dropStage());
            execute(connection, sql.createStage());
            try {
                StageLoader.Loaded loaded = dialect.loader().load(connection, sql, rows);
                connection.setAutoCommit(false);
                for (String statement : sql.merge()) {
                    execute(connection, statement);
                }
                connection.commit();
                return new ExportOutcome(loaded.records(), loaded.bytes());
            } finally {
                dropStage(connection, sql);
            }
        } catch (SQLException e) {
            throw SqlErrors.translate(e, config, dialect.displayName());
        } catch (IOException e) {
            throw new UncheckedIOException("Sending rows to " + dialect.displayName() + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Creates the target if missing. Two runs of a backfill may race to create it: PostgreSQL then
     * refuses the loser's {@code create table if not exists} with a unique violation on its catalog,
     * which only means the table now exists.
     */
    private static void createTarget(Connection connection, TableSql sql) throws SQLException {
        try {
            execute(connection, sql.createTarget());
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState()) && !"42P07".equals(e.getSQLState())) {
                throw e;
            }
        }
    }

    private static void dropStage(Connection connection, TableSql sql) {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
            execute(connection, sql.dropStage());
        } catch (SQLException e) {
            log.warn("Could not drop a staging table; it is dropped again when its interval is next written: {}", e.getSQLState());
        }
    }

    /** Connects, checks the schema and table, then creates a probe table and writes a row to it in a transaction it rolls back. */
    public List<ConnectionStep> testConnection(Map<String, Object> raw) {
        List<ConnectionStep> steps = new ArrayList<>();
        PostgresConfig config;
        try {
            config = config(raw);
        } catch (DestinationUserException e) {
            return failedFrom(steps, e.getMessage());
        }
        try (Connection connection = PostgresConnections.open(config)) {
            steps.add(new ConnectionStep(CONNECT, true, "Connected to " + config.host() + ":" + config.port() + "/" + config.database()
                    + " as " + config.user() + "."));
            if (!exists(connection, "select 1 from pg_namespace where nspname = ?", config.schema())) {
                return failedFrom(steps, "The schema '" + config.schema() + "' does not exist in database '" + config.database() + "'.");
            }
            String target = SqlIdentifiers.qualified(config.schema(), config.table());
            if (exists(connection, "select 1 from pg_tables where schemaname = ? and tablename = ?", config.schema(), config.table())) {
                execute(connection, "select * from " + target + " where 1 = 0");
                steps.add(new ConnectionStep(CHECK_TABLE, true, "The table " + config.schema() + "." + config.table() + " exists and can be read."));
            } else {
                steps.add(new ConnectionStep(CHECK_TABLE, true, "The table " + config.schema() + "." + config.table()
                        + " does not exist yet; Sluice creates it on the first run."));
            }
            String probe = SqlIdentifiers.qualified(config.schema(), "sluice_connection_test_" + UUID.randomUUID().toString().substring(0, 8));
            connection.setAutoCommit(false);
            try {
                execute(connection, "create table " + probe + " (id varchar(36))");
                execute(connection, "insert into " + probe + " (id) values ('" + UUID.randomUUID() + "')");
            } finally {
                connection.rollback();
            }
            steps.add(new ConnectionStep(TEST_ROW, true, "Created a table and wrote a row in schema " + config.schema() + ", then rolled both back."));
            return steps;
        } catch (SQLException e) {
            return failedFrom(steps, SqlErrors.translate(e, config, dialect.displayName()).getMessage());
        }
    }

    private static boolean exists(Connection connection, String query, String... params) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            for (int i = 0; i < params.length; i++) {
                statement.setString(i + 1, params[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static List<ConnectionStep> failedFrom(List<ConnectionStep> steps, String message) {
        steps.add(new ConnectionStep(STEP_NAMES.get(steps.size()), false, message));
        while (steps.size() < STEP_NAMES.size()) {
            steps.add(new ConnectionStep(STEP_NAMES.get(steps.size()), false, "Not run because an earlier step failed."));
        }
        return steps;
    }
}
