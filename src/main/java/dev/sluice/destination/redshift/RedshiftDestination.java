package dev.sluice.destination.redshift;

import dev.sluice.destination.ConnectionStep;
import dev.sluice.destination.Destination;
import dev.sluice.destination.DestinationRequest;
import dev.sluice.destination.DestinationType;
import dev.sluice.destination.ExportOutcome;
import dev.sluice.destination.ProgressListener;
import dev.sluice.destination.postgres.TableWriter;
import dev.sluice.source.RecordBatchStream;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Exports into an Amazon Redshift table over the PostgreSQL protocol, through the same staging
 * table and one-transaction merge as Postgres ({@link TableWriter}), with Redshift's types and
 * chunked inserts ({@link RedshiftDialect}); the stage is checkpointed as it fills, so a retried
 * attempt continues where the last one stopped.
 */
@Component
public class RedshiftDestination implements Destination {

    private final TableWriter writer;

    public RedshiftDestination() {
        this(TableWriter.CHUNK_BYTES);
    }

    /** A destination that checkpoints the staging load every {@code chunkBytes} of rows sent. */
    public RedshiftDestination(long chunkBytes) {
        this.writer = new TableWriter(new RedshiftDialect(), chunkBytes);
    }

    @Override
    public DestinationType type() {
        return DestinationType.REDSHIFT;
    }

    @Override
    public List<ConnectionStep> testConnection(Map<String, Object> config) {
        return writer.testConnection(config);
    }

    @Override
    public ExportOutcome write(DestinationRequest request, RecordBatchStream rows, ProgressListener progress) {
        return writer.write(request, rows, progress);
    }
}
