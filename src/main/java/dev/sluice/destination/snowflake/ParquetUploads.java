package dev.sluice.destination.snowflake;

import dev.sluice.destination.ExportCheckpoint;
import dev.sluice.destination.ProgressListener;
import dev.sluice.format.BatchWriter;
import dev.sluice.format.BatchWriters;
import dev.sluice.format.Compression;
import dev.sluice.format.FileFormat;
import dev.sluice.source.Cursor;
import dev.sluice.source.RecordBatchStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Loads an interval's rows into the staging table in chunks: each chunk is a local Snappy Parquet
 * file of at most about {@code fileBytes}, {@code PUT} into the staging table's stage as soon as
 * it is complete (and then deleted locally, so the local disk holds one file at a time) and loaded
 * by a {@code COPY INTO} that names it. Once that {@code COPY} has committed, the
 * {@link ProgressListener} gets a checkpoint: the cursor of the chunk's last row, the chunks,
 * records and bytes loaded for the interval so far (a resumed attempt's included), and the
 * staging table's name under {@link #STAGE_STATE_KEY}.
 *
 * <p>File names are {@code part-<chunk number>-<nonce>.parquet}, the nonce new for every attempt:
 * Snowflake's load metadata silently skips a file name it has loaded before, so a chunk loaded
 * again after a lost checkpoint must not reuse its predecessor's name. JSON columns are written as
 * plain strings (the merge parses them), timestamps as UTC microseconds.
 */
final class ParquetUploads {

    /** The checkpoint's state key naming the staging table its chunks were loaded into. */
    static final String STAGE_STATE_KEY = "stage";

    /** What is loaded into the staging table for the interval so far. */
    record Loaded(int files, long records, long bytes) {

        static Loaded from(ExportCheckpoint checkpoint) {
            return checkpoint.cursor() == null ? new Loaded(0, 0, 0)
                    : new Loaded(checkpoint.filesCompleted(), checkpoint.records(), checkpoint.bytes());
        }

        Loaded plus(long records, long bytes) {
            return new Loaded(files + 1, this.records + records, this.bytes + bytes);
        }
    }

    private final Path directory;
    private final long fileBytes;
    private final String nonce;

    ParquetUploads(Path directory, long fileBytes, String nonce) {
        this.directory = directory;
        this.fileBytes = fileBytes;
        this.nonce = nonce;
    }

    /** Loads the stream's rows after {@code before}; returns the interval's totals, {@code before}'s included. */
    Loaded load(Connection connection, SnowflakeSql sql, RecordBatchStream rows, Loaded before, ProgressListener progress)
            throws IOException, SQLException {
        Schema schema = withoutMetadata(rows.schema());
        Loaded loaded = before;
        Path file = null;
        BatchWriter writer = null;
        Cursor last = null;
        try {
            while (rows.next()) {
                VectorSchemaRoot batch = rows.root();
                if (batch.getRowCount() == 0) {
                    continue;
                }
                if (writer == null) {
                    file = directory.resolve(fileName(loaded.files()));
                    OutputStream out = Files.newOutputStream(file);
                    writer = BatchWriters.open(FileFormat.PARQUET, Compression.SNAPPY, schema, out, fileBytes);
                }
                writer.write(batch);
                last = rows.cursor();
                if (writer.bytes() >= fileBytes) {
                    loaded = loadFile(connection, sql, writer, file, loaded, last, progress);
                    writer = null;
                }
            }
            if (writer != null) {
                loaded = loadFile(connection, sql, writer, file, loaded, last, progress);
                writer = null;
            }
            return loaded;
        } finally {
            if (writer != null) {
                writer.close();
            }
        }
    }

    String fileName(int chunk) {
        return "part-" + String.format("%05d", chunk) + "-" + nonce + ".parquet";
    }

    private static Loaded loadFile(Connection connection, SnowflakeSql sql, BatchWriter writer, Path file, Loaded loaded, Cursor through,
                                   ProgressListener progress) throws IOException, SQLException {
        writer.close();
        long size = Files.size(file);
        SnowflakeWriter.execute(connection, sql.put(file));
        Files.delete(file);
        SnowflakeWriter.execute(connection, sql.copyIntoStage(file.getFileName().toString()));
        Loaded now = loaded.plus(writer.records(), size);
        progress.committed(new ExportCheckpoint(through, now.files(), now.records(), now.bytes(), Map.of(STAGE_STATE_KEY, sql.stageTable())));
        return now;
    }

    /** The schema without field metadata: JSON columns become plain strings in the Parquet file. */
    static Schema withoutMetadata(Schema schema) {
        return new Schema(schema.getFields().stream()
                .map(f -> new Field(f.getName(), new FieldType(f.isNullable(), f.getType(), f.getDictionary(), null), f.getChildren()))
                .toList());
    }
}
