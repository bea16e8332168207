package dev.sluice.source;

/**
 * A stream whose source is lost after {@code batches} batches: asking for the next one throws a
 * retryable-looking error. A negative count never fails.
 */
public final class FailingBatchStream extends ForwardingBatchStream {

    private final int batches;
    private int read;

    public FailingBatchStream(RecordBatchStream rows, int batches) {
        super(rows);
        this.batches = batches;
    }

    @Override
    public boolean next() {
        if (batches >= 0 && read++ == batches) {
            throw new IllegalStateException("The source lost its connection after " + batches + " batches (source lost).");
        }
        return super.next();
    }
}
