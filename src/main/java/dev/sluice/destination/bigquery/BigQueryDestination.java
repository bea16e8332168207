package dev.sluice.destination.bigquery;

import com.google.auth.oauth2.ServiceAccountCredentials;
import dev.sluice.destination.ConnectionStep;
import dev.sluice.destination.Destination;
import dev.sluice.destination.DestinationRequest;
import dev.sluice.destination.DestinationType;
import dev.sluice.destination.ExportCheckpoint;
import dev.sluice.destination.ExportOutcome;
import dev.sluice.destination.ProgressListener;
import dev.sluice.source.ExportModel;
import dev.sluice.source.RecordBatchStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Exports into a BigQuery table with Google's client over REST. The interval's rows are written to
 * local Parquet chunks of about {@link #CHUNK_BYTES} (one on disk at a time), each appended to a
 * staging table of the run by a load job (resumable upload) and followed by a checkpoint; then one
 * MERGE query job replaces the interval's rows in the target — events by {@code uuid}, persons by
 * {@code person_id} keeping the newer {@code version}, the stage reduced to one row per key — and
 * the staging table is dropped. A retried interval therefore never duplicates rows, a failed
 * attempt leaves the target as it was, and a retried attempt resumes: it appends only the rows after
 * its checkpoint to the staging table it kept (or starts the interval over when the table is gone);
 * see {@link BigQueryWriter}. Staging tables expire by themselves a day after their creation. The
 * target is created when missing ({@link BigQueryColumns} types; JSON columns with
 * {@code use_json_type}). The service account's key comes from the config and never reaches a log
 * or message.
 */
@Component
public class BigQueryDestination implements Destination {

    /** BigQuery loads large files best; 256 MB bounds the local disk an export needs. */
    static final long CHUNK_BYTES = 256L * 1024 * 1024;

    private final BigQueryService service;
    private final Clock clock;
    private final long chunkBytes;

    @Autowired
    public BigQueryDestination(Clock clock) {
        this(BigQueryService.google(), clock, CHUNK_BYTES);
    }

    BigQueryDestination(BigQueryService service, Clock clock, long chunkBytes) {
        this.service = service;
        this.clock = clock;
        this.chunkBytes = chunkBytes;
    }

    @Override
    public DestinationType type() {
        return DestinationType.BIGQUERY;
    }

    @Override
    public ExportOutcome write(DestinationRequest request, RecordBatchStream rows, ProgressListener progress) {
        BigQueryConfig config = BigQueryConfig.parse(request.config());
        BigQueryColumns columns = BigQueryColumns.of(rows.schema(), request.model() == null ? ExportModel.EVENTS : request.model(),
                config.useJsonType());
        ServiceAccountCredentials credentials = BigQueryCredentials.of(config);
        IntervalLoad load = new IntervalLoad(service.open(config, credentials), service, config, clock);
        String stageName = BigQuerySql.stageTableName(config.tableId(), request.interval().end(), request.runId());
        return new BigQueryWriter(load, config, columns, stageName, chunkBytes, progress)
                .write(request.resumeFrom() == null ? ExportCheckpoint.start() : request.resumeFrom(), rows);
    }

    @Override
    public List<ConnectionStep> testConnection(Map<String, Object> config) {
        return new BigQueryConnectionTest(service, clock).run(config);
    }
}
