package dev.sluice.source;

import org.apache.arrow.memory.BufferAllocator;

/** Produces Arrow record batches for one interval of one project. */
public interface EventSource {

    RecordBatchStream open(SourceQuery query, BufferAllocator allocator);

    /** Rows the query selects (ignoring {@code resumeAfter}): used to reconcile what was written. */
    long count(SourceQuery query);
}
