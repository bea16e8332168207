package dev.sluice.destination.snowflake;

import dev.sluice.destination.ConnectionStep;
import dev.sluice.destination.Destination;
import dev.sluice.destination.DestinationRequest;
import dev.sluice.destination.DestinationType;
import dev.sluice.destination.ExportOutcome;
import dev.sluice.destination.ProgressListener;
import dev.sluice.source.RecordBatchStream;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Exports into a Snowflake table with Snowflake's JDBC driver: local Parquet files are {@code PUT}
 * one at a time into the table stage of the interval's staging table, each loaded by its own
 * {@code COPY INTO ... MATCH_BY_COLUMN_NAME} and followed by a checkpoint, and one transaction
 * {@code MERGE}s the staging table into the target — events by {@code uuid}, persons by
 * {@code person_id} keeping the newer {@code version}, the stage reduced to one row per key — so a
 * retried interval never duplicates rows. A retried attempt resumes: it keeps the staging table
 * and loads only the rows after its checkpoint (or starts the interval over when the table is
 * gone). The staging table outlives a retryable failure and is dropped after the merge or a user
 * error; one left by a run that failed for good is replaced by the next fresh start of its
 * interval. The target is created if missing (VARCHAR, VARIANT for JSON, TIMESTAMP_TZ, NUMBER
 * columns following the export's schema). Password or key-pair login; see
 * {@link SnowflakeWriter}, {@link ParquetUploads}, {@link SnowflakeSql} and {@link SnowflakeErrors}.
 */
@Component
public class SnowflakeDestination implements Destination {

    private final SnowflakeWriter writer;
    private final SnowflakeConnectionCheck connectionCheck;

    public SnowflakeDestination() {
        this(SnowflakeConnector.toAccount(), SnowflakeWriter.FILE_BYTES);
    }

    SnowflakeDestination(SnowflakeConnector connector, long fileBytes) {
        this.writer = new SnowflakeWriter(connector, fileBytes);
        this.connectionCheck = new SnowflakeConnectionCheck(connector);
    }

    @Override
    public DestinationType type() {
        return DestinationType.SNOWFLAKE;
    }

    @Override
    public List<ConnectionStep> testConnection(Map<String, Object> config) {
        return connectionCheck.run(config);
    }

    @Override
    public ExportOutcome write(DestinationRequest request, RecordBatchStream rows, ProgressListener progress) {
        return writer.write(request, rows, progress);
    }
}
