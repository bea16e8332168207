package dev.sluice.destination.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An exclusive lock on an interval directory, so an attempt that outlived its timeout cannot
 * interleave its files with the retry's, in this process or in another one on the same data dir.
 *
 * <p>The lock is an OS file lock on {@code <locks-dir>/<sha-256 of the directory's real path>.lock},
 * outside the user's export tree. The holder deletes the file before releasing it, so no lock files
 * pile up. An attempt that locked a file just deleted by the previous holder would otherwise hold a
 * lock nobody else sees; so the lock counts only if the path names the same file (same file key)
 * before opening and after locking, else the attempt tries again. A crashed process leaves its
 * file behind, unlocked: the next attempt simply locks it.
 *
 * <p>Within one process, held lock files are also remembered in a set and a second attempt is
 * refused before it opens the file: on POSIX systems closing any channel on a file drops all the
 * process's locks on it, so a refused attempt must not open (and close) the holder's file.
 */
final class IntervalLock implements AutoCloseable {

    private static final int ATTEMPTS = 10;
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private IntervalLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    static IntervalLock acquire(Path locksDir, Path intervalDir) throws IOException {
        Files.createDirectories(locksDir);
        Path file = locksDir.toAbsolutePath().normalize().resolve(fileName(intervalDir));
        if (!HELD.add(file)) {
            throw busy(intervalDir);
        }
        try {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                IntervalLock lock = tryAcquire(file, intervalDir);
                if (lock != null) {
                    return lock;
                }
            }
            throw busy(intervalDir);
        } catch (IOException | RuntimeException e) {
            HELD.remove(file);
            throw e;
        }
    }

    /** The lock, or null when the file was replaced or removed meanwhile (try again). */
    private static IntervalLock tryAcquire(Path file, Path intervalDir) throws IOException {
        try {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            // another attempt's lock, or one a crashed process left behind
        }
        Object before = fileKey(file);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.WRITE);
        } catch (NoSuchFileException e) {
            return null;
        }
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw busy(intervalDir);
            }
            if (before != null && before.equals(fileKey(file))) {
                return new IntervalLock(file, channel, lock);
            }
            lock.release();
            channel.close();
            return null;
        } catch (OverlappingFileLockException e) {
            channel.close();
            throw busy(intervalDir);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The file's identity (its creation time where the file system has no file keys), or null when it is missing. */
    private static Object fileKey(Path file) throws IOException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return attributes.fileKey() != null ? attributes.fileKey() : attributes.creationTime();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    static String fileName(Path intervalDir) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(intervalDir.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash) + ".lock";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static IllegalStateException busy(Path intervalDir) {
        return new IllegalStateException("Another attempt is still writing interval " + intervalDir.getFileName() + "; this one will be retried.");
    }

    @Override
    public void close() throws IOException {
        try (channel) {
            Files.deleteIfExists(file);
            lock.release();
        } finally {
            HELD.remove(file);
        }
    }
}
