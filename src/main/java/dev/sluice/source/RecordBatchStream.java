package dev.sluice.source;

import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Arrow record batches of one interval, in cursor order. {@link #root()} is reused: its contents
 * are valid until the next call to {@link #next()}.
 */
public interface RecordBatchStream extends AutoCloseable {

    Schema schema();

    /** Loads the next batch into {@link #root()}; false when the interval is exhausted. */
    boolean next();

    VectorSchemaRoot root();

    /** The cursor of the last row of the current batch. */
    Cursor cursor();

    @Override
    void close();
}
