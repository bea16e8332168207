package dev.sluice.source;

import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/** A stream that hands every call to another; subclasses change what they need (usually {@link #next()}). */
public abstract class ForwardingBatchStream implements RecordBatchStream {

    private final RecordBatchStream delegate;

    protected ForwardingBatchStream(RecordBatchStream delegate) {
        this.delegate = delegate;
    }

    @Override
    public Schema schema() {
        return delegate.schema();
    }

    @Override
    public boolean next() {
        return delegate.next();
    }

    @Override
    public VectorSchemaRoot root() {
        return delegate.root();
    }

    @Override
    public Cursor cursor() {
        return delegate.cursor();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
