package dev.sluice.source;

import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A stream whose source is lost after {@code batches} batches: asking for the next one throws a
 * retryable-looking error. A negative count never fails.
 */
public final class FailingBatchStream implements RecordBatchStream {

    private final RecordBatchStream rows;
    private final int batches;
    private int read;

    public FailingBatchStream(RecordBatchStream rows, int batches) {
        this.rows = rows;
        this.batches = batches;
    }

    @Override
    public Schema schema() {
        return rows.schema();
    }

    @Override
    public boolean next() {
        if (batches >= 0 && read++ == batches) {
            throw new IllegalStateException("The source lost its connection after " + batches + " batches (source lost).");
        }
        return rows.next();
    }

    @Override
    public VectorSchemaRoot root() {
        return rows.root();
    }

    @Override
    public Cursor cursor() {
        return rows.cursor();
    }

    @Override
    public void close() {
        rows.close();
    }
}
