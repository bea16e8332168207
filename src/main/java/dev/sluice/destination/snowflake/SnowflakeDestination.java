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
 * into the table stage of the interval's staging table, {@code COPY INTO} loads them with
 * {@code MATCH_BY_COLUMN_NAME}, and one transaction {@code MERGE}s the staging table into the
 * target — events by {@code uuid}, persons by {@code person_id} keeping the newer
 * {@code version} — so a retried interval never duplicates rows. The target is created if
 * missing (VARCHAR, VARIANT for JSON, TIMESTAMP_TZ, NUMBER columns following the export's schema).
 * Password or key-pair login; see {@link SnowflakeWriter}, {@link SnowflakeSql} and {@link SnowflakeErrors}.
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
        return writer.write(request, rows);
    }
}
