package dev.sluice.workflow;

import dev.sluice.source.Cursor;
import dev.sluice.source.RecordBatchStream;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/** A source stream that ends the attempt at the next batch once the activity was cancelled. */
final class StoppableBatchStream implements RecordBatchStream {

    private final RecordBatchStream source;
    private final Heartbeats heartbeats;

    StoppableBatchStream(RecordBatchStream source, Heartbeats heartbeats) {
        this.source = source;
        this.heartbeats = heartbeats;
    }

    @Override
    public Schema schema() {
        return source.schema();
    }

    @Override
    public boolean next() {
        heartbeats.throwIfStopped();
        return source.next();
    }

    @Override
    public VectorSchemaRoot root() {
        return source.root();
    }

    @Override
    public Cursor cursor() {
        return source.cursor();
    }

    @Override
    public void close() {
        source.close();
    }
}
