package dev.sluice.destination.bigquery;

import com.google.cloud.bigquery.TableId;
import dev.sluice.destination.DestinationUserException;
import dev.sluice.destination.ExportCheckpoint;
import dev.sluice.destination.ExportOutcome;
import dev.sluice.destination.ProgressListener;
import dev.sluice.source.Cursor;
import dev.sluice.source.RecordBatchStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one interval into BigQuery, resumably: the rows go into Parquet chunks of about
 * {@code chunkBytes} (one on local disk at a time), each appended to the run's staging table by a
 * load job and followed by a checkpoint (the cursor of the chunk's last row; chunks, records and
 * bytes of the interval so far; the staging table's name under {@link #STAGE_STATE_KEY}). Then one
 * MERGE moves the stage into the target and the stage is dropped.
 *
 * <p>A fresh attempt creates the staging table with its first chunk, replacing one an earlier
 * attempt left. A resumed attempt appends to the staging table its checkpoint names, after
 * checking it is still there; if it is not (or the checkpoint names another), it commits
 * {@link ExportCheckpoint#start()} and fails to be retried, so the next attempt writes the interval
 * from its start. A chunk loaded again after a lost checkpoint is harmless: the MERGE keeps one
 * staged row per key. After a {@link DestinationUserException} the stage is dropped (no attempt
 * follows); after any other failure it is kept for the next attempt, and expires by itself after
 * {@link IntervalLoad#STAGE_EXPIRY} if none comes.
 */
final class BigQueryWriter {

    private static final Logger log = LoggerFactory.getLogger(BigQueryWriter.class);
    static final String STAGE_STATE_KEY = "stage";

    private final IntervalLoad load;
    private final BigQueryConfig config;
    private final BigQueryColumns columns;
    private final String stageName;
    private final long chunkBytes;
    private final ProgressListener progress;

    private String location;
    private TableId stage;
    private int chunks;
    private long records;
    private long bytes;

    BigQueryWriter(IntervalLoad load, BigQueryConfig config, BigQueryColumns columns, String stageName, long chunkBytes,
                   ProgressListener progress) {
        this.load = load;
        this.config = config;
        this.columns = columns;
        this.stageName = stageName;
        this.chunkBytes = chunkBytes;
        this.progress = progress;
    }

    ExportOutcome write(ExportCheckpoint from, RecordBatchStream rows) {
        if (from.cursor() != null && (from.state() == null || !stageName.equals(from.state().get(STAGE_STATE_KEY)))) {
            throw startOver("The checkpoint does not name the staging table " + stageName + ", so the load cannot continue.");
        }
        location = load.datasetLocation();
        load.ensureTarget(columns);
        if (from.cursor() != null) {
            TableId kept = load.stage(stageName);
            if (!load.stageExists(kept)) {
                throw startOver("The staging table " + stageName + " that holds the rows loaded before is gone (it expires a day after"
                        + " its creation), so the load cannot continue.");
            }
            stage = kept;
            chunks = from.filesCompleted();
            records = from.records();
            bytes = from.bytes();
        }
        try {
            loadChunks(rows);
            if (chunks > 0) {
                load.merge(BigQuerySql.merge(columns, BigQuerySql.table(config.projectId(), config.datasetId(), config.tableId()),
                        BigQuerySql.table(config.projectId(), config.datasetId(), stageName)), location);
            }
        } catch (IOException e) {
            keepStage();
            throw new UncheckedIOException("Writing a Parquet chunk of the interval for BigQuery failed: " + e.getMessage(), e);
        } catch (DestinationUserException e) {
            dropStage();
            throw e;
        } catch (RuntimeException e) {
            keepStage();
            throw e;
        }
        dropStage();
        return new ExportOutcome(records, bytes);
    }

    private void loadChunks(RecordBatchStream rows) throws IOException {
        ParquetStageFile chunk = null;
        Cursor last = null;
        try {
            while (rows.next()) {
                VectorSchemaRoot batch = rows.root();
                if (batch.getRowCount() == 0) {
                    continue;
                }
                if (chunk == null) {
                    chunk = ParquetStageFile.open(rows.schema(), chunkBytes);
                }
                chunk.write(batch);
                last = rows.cursor();
                if (chunk.bytes() >= chunkBytes) {
                    loadChunk(chunk, last);
                    chunk = null;
                }
            }
            if (chunk != null) {
                loadChunk(chunk, last);
                chunk = null;
            }
        } finally {
            if (chunk != null) {
                chunk.close();
            }
        }
    }

    /** Appends the chunk to the stage (created with the first chunk of a fresh attempt), deletes it locally and checkpoints. */
    private void loadChunk(ParquetStageFile chunk, Cursor through) throws IOException {
        try (chunk) {
            chunk.finish();
            if (stage == null) {
                stage = load.createStage(stageName, columns);
            }
            load.load(chunk, stage, location);
            chunks++;
            records += chunk.records();
            bytes += chunk.bytes();
        }
        progress.committed(new ExportCheckpoint(through, chunks, records, bytes, Map.of(STAGE_STATE_KEY, stageName)));
    }

    /** Forgets the checkpoint, so the next attempt writes the interval from its start, and fails this one. */
    private RuntimeException startOver(String reason) {
        progress.committed(ExportCheckpoint.start());
        return new BigQueryRetryableException(reason + " The interval will be written again from its start.");
    }

    private void keepStage() {
        if (stage != null) {
            log.info("Keeping the BigQuery staging table {} for the next attempt, which resumes after the last checkpoint", stageName);
        }
    }

    private void dropStage() {
        if (stage != null) {
            load.dropStage(stage);
        }
    }
}
