package dev.sluice.workflow;

import dev.sluice.source.ForwardingBatchStream;
import dev.sluice.source.RecordBatchStream;

/** A source stream that ends the attempt at the next batch once the activity was cancelled. */
final class StoppableBatchStream extends ForwardingBatchStream {

    private final Heartbeats heartbeats;

    StoppableBatchStream(RecordBatchStream source, Heartbeats heartbeats) {
        super(source);
        this.heartbeats = heartbeats;
    }

    @Override
    public boolean next() {
        heartbeats.throwIfStopped();
        return super.next();
    }
}
