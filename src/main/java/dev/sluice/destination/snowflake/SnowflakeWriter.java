package dev.sluice.destination.snowflake;

import dev.sluice.destination.DestinationRequest;
import dev.sluice.destination.ExportOutcome;
import dev.sluice.destination.postgres.TableColumns;
import dev.sluice.source.ExportModel;
import dev.sluice.source.RecordBatchStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads one interval into a Snowflake table: the rows become local Parquet files, each is
 * {@code PUT} into the table stage of the interval's staging table, one {@code COPY INTO} loads
 * them by column name, and one transaction merges the staging table into the target (created if
 * missing). The staging table is dropped afterwards, also when the load fails. A failed attempt
 * leaves the target as it was and the next attempt starts the interval over: nothing is
 * checkpointed half-way, and the outcome counts the interval's rows.
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

    ExportOutcome write(DestinationRequest request, RecordBatchStream rows) {
        SnowflakeConfig config = SnowflakeConfig.parse(request.config());
        ExportModel model = request.model() == null ? ExportModel.EVENTS : request.model();
        TableColumns columns = TableColumns.of(rows.schema(), model, "Snowflake");
        SnowflakeSql sql = new SnowflakeSql(config, columns, SnowflakeSql.stageTableName(request.exportId(), request.interval().end()));
        Path directory = temporaryDirectory();
        try (Connection connection = connector.open(config)) {
            execute(connection, sql.useWarehouse(config));
            execute(connection, sql.createTarget());
            execute(connection, sql.createStage());
            boolean inTransaction = false;
            try {
                ParquetUploads.Uploaded uploaded = new ParquetUploads(directory, fileBytes).upload(connection, sql, rows);
                if (uploaded.files() > 0) {
                    execute(connection, sql.copyIntoStage());
                    for (String statement : sql.merge()) {
                        execute(connection, statement);
                        inTransaction = !statement.equals("COMMIT");
                    }
                }
                return new ExportOutcome(uploaded.records(), uploaded.bytes());
            } finally {
                dropStage(connection, sql, inTransaction);
            }
        } catch (SQLException e) {
            throw SnowflakeErrors.translate(e, config);
        } catch (IOException e) {
            throw new UncheckedIOException("Writing Parquet files for Snowflake failed: " + e.getMessage(), e);
        } finally {
            delete(directory);
        }
    }

    private static void dropStage(Connection connection, SnowflakeSql sql, boolean inTransaction) {
        try {
            if (inTransaction) {
                execute(connection, "ROLLBACK");
            }
            execute(connection, sql.dropStage());
        } catch (SQLException e) {
            log.warn("Could not drop a Snowflake staging table; the next write of its interval replaces it (error {})", e.getErrorCode());
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
