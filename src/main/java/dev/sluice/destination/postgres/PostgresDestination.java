package dev.sluice.destination.postgres;

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
 * Exports into a PostgreSQL table: {@code COPY ... FROM STDIN} into a staging table of the run, one
 * committed and checkpointed chunk at a time (a retried attempt continues after the last one), then
 * one transaction replaces the interval's rows in the target — events by {@code uuid}, persons by
 * {@code person_id} keeping the newer {@code version} — so a retried interval never duplicates rows.
 * The target is created if missing (uuid, text, jsonb, timestamptz, bigint columns following the
 * export's schema, primary key on the model's key). See {@link TableWriter} and {@link PostgresConnections} (TLS).
 */
@Component
public class PostgresDestination implements Destination {

    private final TableWriter writer;

    public PostgresDestination() {
        this(TableWriter.CHUNK_BYTES);
    }

    /** A destination that commits (and checkpoints) the staging load every {@code chunkBytes} of rows sent. */
    public PostgresDestination(long chunkBytes) {
        this.writer = new TableWriter(new PostgresDialect(), chunkBytes);
    }

    @Override
    public DestinationType type() {
        return DestinationType.POSTGRES;
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
