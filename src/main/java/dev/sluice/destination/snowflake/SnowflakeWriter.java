package dev.sluice.destination.snowflake;

import dev.sluice.destination.DestinationRequest;
import dev.sluice.destination.DestinationUserException;
import dev.sluice.destination.ExportCheckpoint;
import dev.sluice.destination.ExportOutcome;
import dev.sluice.destination.ProgressListener;
import dev.sluice.destination.postgres.TableColumns;
import dev.sluice.destination.snowflake.ParquetUploads.Loaded;
import dev.sluice.source.ExportModel;
import dev.sluice.source.RecordBatchStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads one interval into a Snowflake table, resumably. The interval's staging table
 * ({@link SnowflakeSql#stageTableName}: one per export and interval, a {@code TRANSIENT} table that
 * outlives the attempt) is filled in chunks by {@link ParquetUploads} — each a Parquet file
 * {@code PUT} into its table stage and loaded by its own {@code COPY INTO} — with a checkpoint
 * after each; then one transaction merges it into the target (created if missing) and it is
 * dropped.
 *
 * <p>A fresh attempt ({@code resumeFrom} without a cursor) creates the staging table with
 * {@code CREATE OR REPLACE}, replacing whatever an earlier attempt left. A resumed attempt keeps it
 * and loads only the rows after the checkpoint's cursor; if the checkpoint does not name the table
 * or the table is gone, it commits {@link ExportCheckpoint#start()} and fails to be retried, so
 * the next attempt writes the interval from its start. Chunks loaded again after a lost checkpoint
 * are harmless: the merge keeps one staged row per key. The outcome counts the whole interval.
 *
 * <p>The staging table is dropped after the merge has committed, and after a
 * {@link DestinationUserException} (no attempt follows). After any other failure it is kept for
 * the next attempt, with an open merge rolled back first. A staging table left by a run that then
 * failed for good stays in the schema until the next fresh start of the same interval replaces it
 * (and drops it when done).
 */
final class SnowflakeWriter {

    private static final Logger log = LoggerFactory.getLogger(SnowflakeWriter.class);
    /** Snowflake loads compressed files of 100–250 MB best; Parquet row groups are sized to fit. */
    static final long FILE_BYTES = 128L * 1024 * 1024;

    private final SnowflakeConnector connector;
    private final long fileBytes;

    SnowflakeWriter(SnowflakeConnector connector, long fileBytes) {
        this.connector = connector;
        this.fileBytes = fileBytes;
    }

    ExportOutcome write(DestinationRequest request, RecordBatchStream rows, ProgressListener progress) {
        SnowflakeConfig config = SnowflakeConfig.parse(request.config());
        ExportModel model = request.model() == null ? ExportModel.EVENTS : request.model();
        TableColumns columns = TableColumns.of(rows.schema(), model, "Snowflake");
        SnowflakeSql sql = new SnowflakeSql(config, columns, SnowflakeSql.stageTableName(request.exportId(), request.interval().end()));
        ExportCheckpoint from = request.resumeFrom() == null ? ExportCheckpoint.start() : request.resumeFrom();
        if (from.cursor() != null && (from.state() == null || !sql.stageTable().equals(from.state().get(ParquetUploads.STAGE_STATE_KEY)))) {
            throw startOver(progress, "The checkpoint does not name the staging table " + sql.stageTable() + ", so the load cannot continue.");
        }
        Path directory = temporaryDirectory();
        try (Connection connection = connector.open(config)) {
            execute(connection, sql.useWarehouse(config));
            execute(connection, sql.createTarget());
            if (from.cursor() == null) {
                execute(connection, sql.createStage());
            } else if (!stageExists(connection, sql)) {
                throw startOver(progress, "The staging table " + sql.stageTable()
                        + " that holds the rows loaded before is gone, so the load cannot continue.");
            }
            return load(connection, sql, config, directory, from, rows, progress);
        } catch (SQLException e) {
            throw SnowflakeErrors.translate(e, config);
        } finally {
            delete(directory);
        }
    }

    private ExportOutcome load(Connection connection, SnowflakeSql sql, SnowflakeConfig config, Path directory, ExportCheckpoint from,
                               RecordBatchStream rows, ProgressListener progress) {
        boolean inTransaction = false;
        try {
            ParquetUploads uploads = new ParquetUploads(directory, fileBytes, UUID.randomUUID().toString().substring(0, 8));
            Loaded loaded = uploads.load(connection, sql, rows, Loaded.from(from), progress);
            if (loaded.files() > 0) {
                for (String statement : sql.merge()) {
                    execute(connection, statement);
                    inTransaction = !statement.equals("COMMIT");
                }
            }
            dropStage(connection, sql);
            return new ExportOutcome(loaded.records(), loaded.bytes());
        } catch (SQLException e) {
            RuntimeException failure = SnowflakeErrors.translate(e, config);
            afterFailure(connection, sql, inTransaction, failure);
            throw failure;
        } catch (IOException e) {
            RuntimeException failure = new UncheckedIOException("Writing Parquet files for Snowflake failed: " + e.getMessage(), e);
            afterFailure(connection, sql, inTransaction, failure);
            throw failure;
        } catch (RuntimeException e) {
            afterFailure(connection, sql, inTransaction, e);
            throw e;
        }
    }

    /** Rolls back an open merge; drops the staging table only when no attempt follows (a user error). */
    private static void afterFailure(Connection connection, SnowflakeSql sql, boolean inTransaction, RuntimeException failure) {
        if (inTransaction) {
            try {
                execute(connection, "ROLLBACK");
            } catch (SQLException e) {
                failure.addSuppressed(new IllegalStateException("ROLLBACK failed (error " + e.getErrorCode() + ")"));
            }
        }
        if (failure instanceof DestinationUserException) {
            dropStage(connection, sql);
        } else {
            log.info("Keeping the Snowflake staging table {} for the next attempt, which resumes after the last checkpoint", sql.stageTable());
        }
    }

    private static boolean stageExists(Connection connection, SnowflakeSql sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet tables = statement.executeQuery(sql.showStage())) {
            while (tables.next()) {
                if (sql.stageTable().equals(tables.getString("name"))) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Forgets the checkpoint, so the next attempt writes the interval from its start, and fails this one. */
    private static RuntimeException startOver(ProgressListener progress, String reason) {
        progress.committed(ExportCheckpoint.start());
        return new IllegalStateException(reason + " The interval will be written again from its start.");
    }

    private static void dropStage(Connection connection, SnowflakeSql sql) {
        try {
            execute(connection, sql.dropStage());
        } catch (SQLException e) {
            log.warn("Could not drop the Snowflake staging table {}; the next fresh start of its interval replaces it (error {})",
                    sql.stageTable(), e.getErrorCode());
        }
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("sluice-snowflake-");
        } catch (IOException e) {
            throw new UncheckedIOException("No local directory for Snowflake's Parquet files: " + e.getMessage(), e);
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.warn("Could not delete the local directory {} of Snowflake's Parquet files", directory);
        }
    }
}
