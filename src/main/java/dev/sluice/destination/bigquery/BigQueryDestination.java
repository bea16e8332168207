package dev.sluice.destination.bigquery;

import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.cloud.bigquery.TableId;
import dev.sluice.destination.ConnectionStep;
import dev.sluice.destination.Destination;
import dev.sluice.destination.DestinationRequest;
import dev.sluice.destination.DestinationType;
import dev.sluice.destination.ExportOutcome;
import dev.sluice.destination.ProgressListener;
import dev.sluice.source.ExportModel;
import dev.sluice.source.RecordBatchStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Exports into a BigQuery table with Google's client over REST. The interval's rows are written to
 * a local Parquet file, loaded into a staging table of the run by a load job (resumable upload),
 * then one MERGE query job replaces the interval's rows in the target — events by {@code uuid},
 * persons by {@code person_id} keeping the newer {@code version} — and the staging table is dropped.
 * A retried interval therefore never duplicates rows, and a failed attempt leaves the target as it
 * was: like Postgres, nothing is checkpointed half-way and the next attempt starts over. The target
 * is created when missing ({@link BigQueryColumns} types; JSON columns with {@code use_json_type}).
 * The service account's key comes from the config and never reaches a log or message.
 */
@Component
public class BigQueryDestination implements Destination {

    private final BigQueryService service;
    private final Clock clock;

    @Autowired
    public BigQueryDestination(Clock clock) {
        this(BigQueryService.google(), clock);
    }

    BigQueryDestination(BigQueryService service, Clock clock) {
        this.service = service;
        this.clock = clock;
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
        try (ParquetStageFile file = ParquetStageFile.write(rows)) {
            load(config, columns, credentials, file, BigQuerySql.stageTableName(config.tableId(), request.interval().end(), request.runId()));
            return new ExportOutcome(file.records(), file.bytes());
        } catch (IOException e) {
            throw new UncheckedIOException("Writing the interval's Parquet file for BigQuery failed: " + e.getMessage(), e);
        }
    }

    private void load(BigQueryConfig config, BigQueryColumns columns, ServiceAccountCredentials credentials, ParquetStageFile file,
                      String stageName) throws IOException {
        try {
            IntervalLoad load = new IntervalLoad(service.open(config, credentials), service, config, clock);
            String location = load.datasetLocation();
            load.ensureTarget(columns);
            if (file.records() == 0) {
                return;
            }
            TableId stage = load.createStage(stageName, columns);
            try {
                load.load(file, stage, location);
                load.merge(BigQuerySql.merge(columns, BigQuerySql.table(config.projectId(), config.datasetId(), config.tableId()),
                        BigQuerySql.table(config.projectId(), config.datasetId(), stageName)), location);
            } finally {
                load.dropStage(stage);
            }
        } catch (RuntimeException e) {
            throw BigQueryErrors.translate(e, config);
        }
    }

    @Override
    public List<ConnectionStep> testConnection(Map<String, Object> config) {
        return new BigQueryConnectionTest(service, clock).run(config);
    }
}
