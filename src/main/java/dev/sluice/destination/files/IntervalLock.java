package dev.sluice.destination.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on an interval directory, so an attempt that outlived its timeout cannot
 * interleave its files with the retry's. The lock file stays; the lock ends with the process.
 */
final class IntervalLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private IntervalLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static IntervalLock acquire(Path intervalDir) throws IOException {
        FileChannel channel = FileChannel.open(intervalDir.resolve(IntervalLayout.LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            channel.close();
            throw busy(intervalDir);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw busy(intervalDir);
        }
        return new IntervalLock(channel, lock);
    }

    private static IllegalStateException busy(Path intervalDir) {
        return new IllegalStateException("Another attempt is still writing interval " + intervalDir.getFileName() + "; this one will be retried.");
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
