package dev.sluice.destination.bigquery;

import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryError;
import com.google.cloud.bigquery.BigQueryException;
import com.google.cloud.bigquery.Dataset;
import com.google.cloud.bigquery.DatasetId;
import com.google.cloud.bigquery.FormatOptions;
import com.google.cloud.bigquery.Job;
import com.google.cloud.bigquery.JobId;
import com.google.cloud.bigquery.JobInfo;
import com.google.cloud.bigquery.JobInfo.CreateDisposition;
import com.google.cloud.bigquery.JobInfo.WriteDisposition;
import com.google.cloud.bigquery.JobStatus;
import com.google.cloud.bigquery.QueryJobConfiguration;
import com.google.cloud.bigquery.StandardTableDefinition;
import com.google.cloud.bigquery.Table;
import com.google.cloud.bigquery.TableDataWriteChannel;
import com.google.cloud.bigquery.TableId;
import com.google.cloud.bigquery.TableInfo;
import com.google.cloud.bigquery.WriteChannelConfiguration;
import dev.sluice.destination.DestinationUserException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The BigQuery side of one interval: the target table (created when missing), a staging table of
 * the run that expires by itself after a day (created, or found again by a resumed attempt), one
 * load job per Parquet chunk appending it to the stage through a resumable upload, one MERGE query
 * job into the target, and the staging table dropped. Jobs run in the dataset's location. Every
 * call's failure goes through {@link BigQueryErrors}, so it leaves here as a
 * {@link DestinationUserException} or a {@link BigQueryRetryableException}.
 */
final class IntervalLoad {

    private static final Logger log = LoggerFactory.getLogger(IntervalLoad.class);
    static final Duration STAGE_EXPIRY = Duration.ofDays(1);
    private static final int UPLOAD_BUFFER = 1024 * 1024;

    private final BigQuery bigquery;
    private final BigQueryService service;
    private final BigQueryConfig config;
    private final Clock clock;

    IntervalLoad(BigQuery bigquery, BigQueryService service, BigQueryConfig config, Clock clock) {
        this.bigquery = bigquery;
        this.service = service;
        this.config = config;
        this.clock = clock;
    }

    /** The dataset's location, which its jobs must run in; a missing dataset is the user's to create. */
    String datasetLocation() {
        Dataset dataset = call(() -> bigquery.getDataset(DatasetId.of(config.projectId(), config.datasetId())));
        if (dataset == null) {
            throw new DestinationUserException("The BigQuery dataset " + config.dataset() + " does not exist (or the service account "
                    + config.clientEmail() + " cannot see it): create it or check project_id and dataset_id.");
        }
        return dataset.getLocation();
    }

    /** Creates the target when missing; an existing one must have every column the export writes. */
    void ensureTarget(BigQueryColumns columns) {
        TableId target = TableId.of(config.projectId(), config.datasetId(), config.tableId());
        Table table = call(() -> bigquery.getTable(target));
        if (table == null) {
            call(() -> {
                try {
                    return bigquery.create(TableInfo.of(target, StandardTableDefinition.of(columns.targetSchema())));
                } catch (BigQueryException e) {
                    if (e.getCode() != 409) {
                        throw e;
                    }
                    return null;
                }
            });
            return;
        }
        if (table.getDefinition().getSchema() == null) {
            return;
        }
        Set<String> existing = table.getDefinition().getSchema().getFields().stream()
                .map(f -> f.getName().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        List<String> missing = columns.columns().stream().map(BigQueryColumns.Column::name)
                .filter(n -> !existing.contains(n.toLowerCase(Locale.ROOT))).toList();
        if (!missing.isEmpty()) {
            throw new DestinationUserException("The BigQuery table " + config.target() + " lacks the column(s) " + String.join(", ", missing)
                    + " that the export writes: add them, or export into a new table.");
        }
    }

    /** The staging table {@code name} in the target's dataset. */
    TableId stage(String name) {
        return TableId.of(config.projectId(), config.datasetId(), name);
    }

    /** A fresh staging table (one left by an earlier attempt of the run is replaced) that expires after a day. */
    TableId createStage(String name, BigQueryColumns columns) {
        TableId stage = stage(name);
        TableInfo info = TableInfo.newBuilder(stage, StandardTableDefinition.of(columns.stageSchema()))
                .setExpirationTime(clock.millis() + STAGE_EXPIRY.toMillis())
                .setDescription("Sluice staging table of one export run; dropped when the run's merge is done.")
                .build();
        return call(() -> {
            try {
                bigquery.create(info);
            } catch (BigQueryException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
                bigquery.delete(stage);
                bigquery.create(info);
            }
            return stage;
        });
    }

    /** Whether the staging table is still there (it expires a day after its creation). */
    boolean stageExists(TableId stage) {
        return call(() -> bigquery.getTable(stage)) != null;
    }

    /** Appends the chunk to the staging table (resumable upload of a load job) and waits for the job. */
    void load(ParquetStageFile file, TableId stage, String location) throws IOException {
        WriteChannelConfiguration load = WriteChannelConfiguration.newBuilder(stage)
                .setFormatOptions(FormatOptions.parquet())
                .setCreateDisposition(CreateDisposition.CREATE_NEVER)
                .setWriteDisposition(WriteDisposition.WRITE_APPEND)
                .build();
        try {
            TableDataWriteChannel channel = bigquery.writer(jobId("sluice_load_", location), load);
            try (channel; FileChannel in = FileChannel.open(file.path(), StandardOpenOption.READ)) {
                ByteBuffer buffer = ByteBuffer.allocate(UPLOAD_BUFFER);
                while (in.read(buffer) > 0) {
                    buffer.flip();
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                    buffer.clear();
                }
            }
            finish(channel.getJob(), "Loading the interval into the staging table " + stage.getTable());
        } catch (RuntimeException e) {
            throw BigQueryErrors.translate(e, config);
        }
    }

    /** Runs the MERGE of the stage into the target as one query job and waits for it. */
    void merge(String sql, String location) {
        QueryJobConfiguration query = QueryJobConfiguration.newBuilder(sql).setUseLegacySql(false).build();
        call(() -> {
            finish(bigquery.create(JobInfo.of(jobId("sluice_merge_", location), query)), "Merging the interval into " + config.target());
            return null;
        });
    }

    void dropStage(TableId stage) {
        try {
            bigquery.delete(stage);
        } catch (RuntimeException e) {
            log.warn("Could not drop the BigQuery staging table {}; it expires by itself within {}: {}", stage.getTable(), STAGE_EXPIRY,
                    e.getClass().getSimpleName());
        }
    }

    private void finish(Job job, String what) {
        Job done;
        try {
            done = job == null ? null : job.waitFor(service.jobPolling());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BigQueryRetryableException(what + " was interrupted while waiting for BigQuery.");
        } catch (BigQueryException e) {
            throw BigQueryErrors.classify(e.getCode(), e.getError() == null ? null : e.getError().getReason(), what + " failed: "
                    + e.getMessage(), config);
        }
        if (done == null) {
            throw new BigQueryRetryableException(what + ": the BigQuery job disappeared before it finished.");
        }
        if (done.getStatus() == null || done.getStatus().getState() != JobStatus.State.DONE) {
            throw new BigQueryRetryableException(what + ": the BigQuery job " + done.getJobId().getJob() + " did not finish within "
                    + service.jobTimeout() + ".");
        }
        BigQueryError error = done.getStatus().getError();
        if (error != null) {
            throw BigQueryErrors.jobFailed(error, what, config);
        }
    }

    private <T> T call(Supplier<T> action) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            throw BigQueryErrors.translate(e, config);
        }
    }

    private JobId jobId(String prefix, String location) {
        return JobId.newBuilder().setProject(config.projectId()).setLocation(location)
                .setJob(prefix + UUID.randomUUID().toString().replace("-", "")).build();
    }
}
