package dev.sluice.format;

import java.io.IOException;
import java.io.OutputStream;
import org.apache.arrow.vector.types.pojo.Schema;

/** Opens a {@link BatchWriter} for a format and compression over a stream the writer then owns. */
public final class BatchWriters {

    /** Parquet row groups are buffered in memory; this caps them (and so the writer's memory). */
    static final long MAX_ROW_GROUP_BYTES = 64L * 1024 * 1024;

    private BatchWriters() {
    }

    public static BatchWriter open(FileFormat format, Compression compression, Schema schema, OutputStream out) throws IOException {
        return open(format, compression, schema, out, Long.MAX_VALUE);
    }

    /**
     * @param targetFileBytes the size a caller will split files at; Parquet sizes its row groups to
     *                        fit, so {@link BatchWriter#bytes()} tracks the file closely
     */
    public static BatchWriter open(FileFormat format, Compression compression, Schema schema, OutputStream out,
                                   long targetFileBytes) throws IOException {
        CountingOutputStream counted = new CountingOutputStream(out);
        return switch (format) {
            case JSON_LINES -> new JsonLinesBatchWriter(schema, CompressedStreams.wrap(compression, counted), counted);
            case CSV -> new CsvBatchWriter(schema, CompressedStreams.wrap(compression, counted), counted);
            case PARQUET -> new ParquetBatchWriter(schema, compression, counted,
                    Math.max(1, Math.min(targetFileBytes, MAX_ROW_GROUP_BYTES)));
        };
    }

    /**
     * Opens a writer for a later segment of a JSONLines or CSV file: the same rows as {@link #open}
     * but no CSV header, in a compression stream of its own. Appending the segment's bytes to the
     * file's earlier ones gives a valid file, since gzip members, zstd, lz4 and Snappy frames may be
     * concatenated. Parquet files cannot be continued.
     */
    public static BatchWriter openContinuation(FileFormat format, Compression compression, Schema schema, OutputStream out)
            throws IOException {
        CountingOutputStream counted = new CountingOutputStream(out);
        return switch (format) {
            case JSON_LINES -> new JsonLinesBatchWriter(schema, CompressedStreams.wrap(compression, counted), counted);
            case CSV -> new CsvBatchWriter(schema, CompressedStreams.wrap(compression, counted), counted, false);
            case PARQUET -> throw new IllegalArgumentException("a Parquet file cannot be continued in a new segment");
        };
    }
}
