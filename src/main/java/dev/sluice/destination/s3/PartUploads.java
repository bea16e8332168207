package dev.sluice.destination.s3;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part uploads of one interval write, on a few threads of their own while the writer fills the
 * next part. {@link #submit} waits while {@code maxBufferedParts} parts are outstanding, which bounds
 * the memory of filled parts. {@link #close()} stops uploads still running and waits for their
 * threads, so none outlives the write.
 */
final class PartUploads implements AutoCloseable {

    static final String THREAD_PREFIX = "sluice-s3-upload-";
    private static final Logger log = LoggerFactory.getLogger(PartUploads.class);
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final long STOP_WAIT_MINUTES = 3;

    private final ExecutorService pool;
    private final Semaphore outstanding;

    PartUploads(S3UploadProperties properties) {
        ThreadFactory threads = task -> {
            Thread thread = new Thread(task, THREAD_PREFIX + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        this.pool = Executors.newFixedThreadPool(properties.uploadConcurrency(), threads);
        this.outstanding = new Semaphore(properties.maxBufferedParts());
    }

    /** Starts {@code upload} once fewer than the maximum of parts are outstanding. */
    <T> Future<T> submit(Callable<T> upload) {
        try {
            outstanding.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to upload a part", e);
        }
        try {
            return pool.submit(() -> {
                try {
                    return upload.call();
                } finally {
                    outstanding.release();
                }
            });
        } catch (RuntimeException e) {
            outstanding.release();
            throw e;
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
        try {
            if (!pool.awaitTermination(STOP_WAIT_MINUTES, TimeUnit.MINUTES)) {
                log.warn("S3 part uploads did not stop within {} minutes", STOP_WAIT_MINUTES);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
