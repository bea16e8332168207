package dev.sluice.source;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Reads a source stream on a thread of its own while the caller writes: the reader moves each batch
 * it reads into a root of its own (Arrow transfer, no copy) and queues it; {@link #next()} hands the
 * queued batches over in order, each with its cursor. The queue is capped in bytes of Arrow buffers:
 * the reader waits while another batch would take it past {@code maxQueuedBytes} (a single batch
 * larger than the cap still passes, alone). So at most the cap plus the batch being read and the one
 * being written are in memory, whatever the interval's size.
 *
 * <p>A failure of the source is rethrown, as it was thrown, by the {@link #next()} that reaches it
 * (after the batches read before it). {@link #close()}, at any point, stops the reader at its next
 * batch boundary, joins it, closes the source and frees every queued buffer.
 */
public final class PrefetchingBatchStream implements RecordBatchStream {

    private static final Object END = new Object();

    private final RecordBatchStream source;
    private final BufferAllocator allocator;
    private final long maxQueuedBytes;
    private final VectorSchemaRoot root;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Object> queue = new ArrayDeque<>();
    private final Thread reader;
    private long queuedBytes;
    private long peakQueuedBytes;
    private boolean stopping;
    private Cursor cursor;
    private boolean ended;
    private boolean closed;

    private PrefetchingBatchStream(RecordBatchStream source, BufferAllocator allocator, long maxQueuedBytes, String threadName) {
        this.source = source;
        this.allocator = allocator;
        this.maxQueuedBytes = maxQueuedBytes;
        this.root = VectorSchemaRoot.create(source.schema(), allocator);
        this.reader = new Thread(this::read, threadName);
        this.reader.setDaemon(true);
    }

    /**
     * Starts reading {@code source}, which this stream then owns: it is read and closed on the
     * reader thread only. Batches are moved into roots allocated from {@code allocator}, which
     * must be the source's allocator (or share its root allocator).
     */
    public static PrefetchingBatchStream start(RecordBatchStream source, BufferAllocator allocator, long maxQueuedBytes, String threadName) {
        if (maxQueuedBytes < 1) {
            source.close();
            throw new IllegalArgumentException("the prefetch queue needs a positive byte cap, got " + maxQueuedBytes);
        }
        PrefetchingBatchStream stream;
        try {
            stream = new PrefetchingBatchStream(source, allocator, maxQueuedBytes, threadName);
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
        stream.reader.start();
        return stream;
    }

    /**
     * Opens {@code query} on {@code source} and starts reading it ahead: how the destination
     * activity reads every interval.
     */
    public static PrefetchingBatchStream open(EventSource source, SourceQuery query, BufferAllocator allocator, long maxQueuedBytes) {
        return start(source.open(query, allocator), allocator, maxQueuedBytes, "sluice-read-" + query.projectId() + "-" + query.interval().start());
    }

    private void read() {
        try {
            while (!isStopping() && source.next()) {
                VectorSchemaRoot batch = moveOut(source.root());
                if (!enqueue(new Batch(batch, source.cursor(), bytesOf(batch)))) {
                    batch.close();
                    return;
                }
            }
            enqueue(END);
        } catch (RuntimeException | Error e) {
            enqueue(e);
        } finally {
            source.close();
        }
    }

    private VectorSchemaRoot moveOut(VectorSchemaRoot from) {
        VectorSchemaRoot to = VectorSchemaRoot.create(from.getSchema(), allocator);
        transfer(from, to);
        return to;
    }

    /** Moves every column's buffers and the row count from one root into another of the same schema, without copying. */
    private static void transfer(VectorSchemaRoot from, VectorSchemaRoot to) {
        List<FieldVector> vectors = from.getFieldVectors();
        for (int c = 0; c < vectors.size(); c++) {
            vectors.get(c).makeTransferPair(to.getVector(c)).transfer();
        }
        to.setRowCount(from.getRowCount());
    }

    private static long bytesOf(VectorSchemaRoot batch) {
        long bytes = 0;
        for (FieldVector vector : batch.getFieldVectors()) {
            for (ArrowBuf buffer : vector.getBuffers(false)) {
                bytes += buffer.capacity();
            }
        }
        return bytes;
    }

    /** Queues a batch, an error or the end; false (nothing queued) when the stream is closing. */
    private boolean enqueue(Object item) {
        lock.lock();
        try {
            if (item instanceof Batch batch) {
                while (!stopping && !queue.isEmpty() && queuedBytes + batch.bytes() > maxQueuedBytes) {
                    changed.awaitUninterruptibly();
                }
                if (stopping) {
                    return false;
                }
                queuedBytes += batch.bytes();
                peakQueuedBytes = Math.max(peakQueuedBytes, queuedBytes);
            }
            queue.addLast(item);
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    private boolean isStopping() {
        lock.lock();
        try {
            return stopping;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Schema schema() {
        return root.getSchema();
    }

    @Override
    public boolean next() {
        if (closed) {
            throw new IllegalStateException("the stream is closed");
        }
        if (ended) {
            return false;
        }
        Object item = take();
        root.clear();
        if (item instanceof Batch batch) {
            try (VectorSchemaRoot queued = batch.root()) {
                transfer(queued, root);
            }
            cursor = batch.cursor();
            return true;
        }
        ended = true;
        root.setRowCount(0);
        if (item instanceof RuntimeException e) {
            throw e;
        }
        if (item instanceof Error e) {
            throw e;
        }
        return false;
    }

    private Object take() {
        lock.lock();
        try {
            while (queue.isEmpty()) {
                changed.awaitUninterruptibly();
            }
            Object item = queue.removeFirst();
            if (item instanceof Batch batch) {
                queuedBytes -= batch.bytes();
                changed.signalAll();
            }
            return item;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public VectorSchemaRoot root() {
        return root;
    }

    @Override
    public Cursor cursor() {
        return cursor;
    }

    /** The most bytes of Arrow buffers that were queued at once. */
    public long peakQueuedBytes() {
        lock.lock();
        try {
            return peakQueuedBytes;
        } finally {
            lock.unlock();
        }
    }

    /** Stops the reader, waits for it to close the source, and frees the queued batches and the current one. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        lock.lock();
        try {
            stopping = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        boolean interrupted = false;
        while (true) {
            try {
                reader.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        for (Object item : queue) {
            if (item instanceof Batch batch) {
                batch.root().close();
            }
        }
        queue.clear();
        root.close();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private record Batch(VectorSchemaRoot root, Cursor cursor, long bytes) {
    }
}
