package dev.sluice.destination.postgres;

import dev.sluice.destination.ConnectionStep;
import dev.sluice.destination.DestinationRequest;
import dev.sluice.destination.DestinationUserException;
import dev.sluice.destination.ExportCheckpoint;
import dev.sluice.destination.ExportOutcome;
import dev.sluice.destination.ProgressListener;
import dev.sluice.source.Cursor;
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
 * table of the run ({@link TableSql#stageTableName}) in chunks of about {@code chunkBytes}; after
 * each chunk is committed there, a checkpoint (the chunk's last cursor, records and bytes so far,
 * the stage's name) is handed to the {@link ProgressListener}, so a retried attempt keeps the staged
 * rows and continues after that cursor. Once every row is staged, one transaction merges the stage
 * into the target (created if missing), a last checkpoint says so, and the stage is dropped.
 *
 * <p>A retryable failure keeps the stage for the next attempt; a user error drops it (no attempt
 * follows). A stage left by a run that failed for good is replaced when that run is retried. A
 * checkpoint whose stage is gone cannot be resumed: the writer then commits an empty checkpoint and
 * fails, so the next attempt exports the interval from its start. Rows staged twice (an attempt that
 * died after a chunk's commit but before its checkpoint reached Temporal) are merged once, and the
 * outcome counts the distinct keys staged: the interval's rows.
 */
public final class TableWriter {

    private static final Logger log = LoggerFactory.getLogger(TableWriter.class);

    /** A checkpoint follows every chunk of about this many bytes sent to the stage. */
    public static final long CHUNK_BYTES = 32L * 1024 * 1024;
    static final String STAGE_STATE_KEY = "stage";
    static final String MERGED_STATE_KEY = "merged";

    static final String CONNECT = "Connect";
    static final String CHECK_TABLE = "Create or check the table";
    static final String TEST_ROW = "Write and roll back a test row";
    private static final List<String> STEP_NAMES = List.of(CONNECT, CHECK_TABLE, TEST_ROW);

    private final TableDialect dialect;
    private final long chunkBytes;

    public TableWriter(TableDialect dialect, long chunkBytes) {
        this.dialect = dialect;
        this.chunkBytes = chunkBytes;
    }

    public PostgresConfig config(Map<String, Object> config) {
        return PostgresConfig.parse(config, dialect.displayName(), dialect.defaultPort());
    }

    public ExportOutcome write(DestinationRequest request, RecordBatchStream rows, ProgressListener progress) {
        PostgresConfig config = config(request.config());
        TableColumns columns = TableColumns.of(rows.schema(), request.model() == null ? ExportModel.EVENTS : request.model(), dialect.displayName());
        TableSql sql = new TableSql(dialect, config, columns, TableSql.stageTableName(config.table(), request.interval().end(), request.runId()));
        ExportCheckpoint from = request.resumeFrom() == null ? ExportCheckpoint.start() : request.resumeFrom();
        try (Connection connection = PostgresConnections.open(config)) {
            connection.setAutoCommit(true);
            createTarget(connection, sql);
            boolean finished = false;
            try {
                long mergedBefore = prepareStage(connection, sql, config, from, progress);
                Staged staged = stage(connection, sql, rows, from, progress);
                long records = mergedBefore + queryLong(connection, sql.countStagedKeys());
                connection.setAutoCommit(false);
                for (String statement : sql.merge()) {
                    execute(connection, statement);
                }
                connection.commit();
                finished = true;
                progress.committed(new ExportCheckpoint(staged.cursor(), staged.chunks(), records, staged.bytes(),
                        Map.of(MERGED_STATE_KEY, sql.stageTable())));
                return new ExportOutcome(records, staged.bytes());
            } catch (SQLException e) {
                RuntimeException failure = SqlErrors.translate(e, config, dialect.displayName());
                finished = failure instanceof DestinationUserException;
                throw failure;
            } catch (DestinationUserException e) {
                finished = true;
                throw e;
            } finally {
                endStage(connection, sql, finished);
            }
        } catch (SQLException e) {
            throw SqlErrors.translate(e, config, dialect.displayName());
        } catch (IOException e) {
            throw new UncheckedIOException("Sending rows to " + dialect.displayName() + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * A fresh attempt replaces any stage of the run with an empty one; a resumed attempt keeps the
     * stage its checkpoint names, and starts over when it is gone. An attempt after one whose merge
     * committed (it failed afterwards) stages and merges only the rows after that merge's cursor,
     * normally none. Returns the rows merged before. (Redshift folds identifiers to lower case,
     * hence the second spelling.)
     */
    private long prepareStage(Connection connection, TableSql sql, PostgresConfig config, ExportCheckpoint from, ProgressListener progress)
            throws SQLException {
        Map<String, String> state = from.state() == null ? Map.of() : from.state();
        boolean merged = from.cursor() != null && sql.stageTable().equals(state.get(MERGED_STATE_KEY));
        if (from.cursor() == null || merged) {
            execute(connection, sql.dropStage());
            execute(connection, sql.createStage());
            return merged ? from.records() : 0;
        }
        if (!sql.stageTable().equals(state.get(STAGE_STATE_KEY))
                || !exists(connection, "select 1 from pg_tables where schemaname in (?, lower(?)) and tablename in (?, lower(?))",
                        config.schema(), config.schema(), sql.stageTable(), sql.stageTable())) {
            progress.committed(ExportCheckpoint.start());
            throw new IllegalStateException("The staging table " + config.schema() + "." + sql.stageTable() + " that holds the "
                    + from.records() + " rows staged before is gone, so the load cannot continue; the interval will be written"
                    + " again from its start.");
        }
        return 0;
    }

    /** What is staged: the last staged row's cursor, and chunks and bytes of the interval so far. */
    private record Staged(Cursor cursor, int chunks, long bytes) {
    }

    /** Sends the rows to the stage, committing and checkpointing a chunk at a time. */
    private Staged stage(Connection connection, TableSql sql, RecordBatchStream rows, ExportCheckpoint from, ProgressListener progress)
            throws SQLException, IOException {
        int chunks = from.filesCompleted();
        long records = from.records();
        long bytes = from.bytes();
        Cursor last = from.cursor();
        try (StageLoader.Sink sink = dialect.loader().open(connection, sql)) {
            boolean more = true;
            while (more) {
                more = rows.next();
                if (more) {
                    if (rows.root().getRowCount() == 0) {
                        continue;
                    }
                    sink.write(rows.root());
                    last = rows.cursor();
                }
                if (sink.pendingBytes() > 0 && (!more || sink.pendingBytes() >= chunkBytes)) {
                    StageLoader.Loaded loaded = sink.commit();
                    chunks++;
                    records += loaded.records();
                    bytes += loaded.bytes();
                    progress.committed(new ExportCheckpoint(last, chunks, records, bytes, Map.of(STAGE_STATE_KEY, sql.stageTable())));
                }
            }
        }
        return new Staged(last, chunks, bytes);
    }

    /** Drops the stage once the interval is merged or cannot be resumed; otherwise keeps it for the next attempt. */
    private static void endStage(Connection connection, TableSql sql, boolean finished) {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
            if (finished) {
                execute(connection, sql.dropStage());
            }
        } catch (SQLException e) {
            log.warn("Could not end a staging table's use; the run's next fresh attempt replaces it: {}", e.getSQLState());
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

    private static long queryLong(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
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
