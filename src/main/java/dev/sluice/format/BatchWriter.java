package dev.sluice.format;

import java.io.IOException;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Writes Arrow record batches of one schema as one file. Not thread-safe. The writer owns the
 * stream it was opened on: {@link #close()} finishes the file (compressor frame, Parquet footer)
 * and closes that stream.
 */
public interface BatchWriter extends AutoCloseable {

    /** Appends every row of {@code batch}; the batch may be reused by the caller afterwards. */
    void write(VectorSchemaRoot batch) throws IOException;

    /** Rows written so far. */
    long records();

    /**
     * The file's size so far in bytes, after compression: what reached the stream, plus for Parquet
     * the row group still buffered in memory. Streaming compressors hold back a little, so the
     * figure can trail; after {@link #close()} it is exact.
     */
    long bytes();

    @Override
    void close() throws IOException;
}
