package dev.sluice.format;

import java.io.IOException;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Writes Arrow record batches of one schema as one file. Not thread-safe. The writer owns the
 * stream it was opened on: {@link #close()} finishes the file (compressor frame, Parquet footer)
 * and closes that stream.
 */
public interface BatchWriter extends AutoCloseable {

    /**
     * Appends every row of {@code batch}; the batch may be reused by the caller afterwards. JSONLines
     * and CSV flush their compressor at the end of each batch, so {@link #bytes()} is exact between
     * batches (a real batch is large enough that this costs next to no compression).
     */
    void write(VectorSchemaRoot batch) throws IOException;

    /** Rows written so far. */
    long records();

    /**
     * The file's size so far in bytes, after compression. For Parquet it adds the estimated size of
     * the row group still buffered in memory; after {@link #close()} it is exact for every format.
     */
    long bytes();

    @Override
    void close() throws IOException;
}
