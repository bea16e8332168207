package dev.sluice.destination.files;

import dev.sluice.format.BatchWriter;
import dev.sluice.format.BatchWriters;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One part being written: rows go to a hidden temporary file, which {@link #finish()} forces to
 * disk and atomically renames to the part's name, replacing a file of that name from an earlier
 * attempt. {@link #abort()} removes the temporary file.
 */
final class PartFile {

    private static final Logger log = LoggerFactory.getLogger(PartFile.class);

    private final Path temp;
    private final Path target;
    private final SyncedFileOutputStream file;
    private final BatchWriter writer;

    private PartFile(Path temp, Path target, SyncedFileOutputStream file, BatchWriter writer) {
        this.temp = temp;
        this.target = target;
        this.file = file;
        this.writer = writer;
    }

    static PartFile open(Path dir, String name, FilesConfig config, Schema schema) throws IOException {
        Path temp = dir.resolve(IntervalLayout.tempName(name));
        SyncedFileOutputStream file = new SyncedFileOutputStream(temp);
        try {
            BatchWriter writer = BatchWriters.open(config.format(), config.compression(), schema,
                    new BufferedOutputStream(file, 256 * 1024), config.maxFileBytes());
            return new PartFile(temp, dir.resolve(name), file, writer);
        } catch (IOException | RuntimeException e) {
            discard(file, temp, e);
            throw e;
        }
    }

    void write(VectorSchemaRoot batch) throws IOException {
        writer.write(batch);
    }

    long bytes() {
        return writer.bytes();
    }

    WrittenFile finish() throws IOException {
        writer.close();
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return new WrittenFile(target.getFileName().toString(), writer.records(), writer.bytes());
    }

    void abort(Exception cause) {
        discard(file, temp, cause);
    }

    private static void discard(SyncedFileOutputStream file, Path temp, Exception cause) {
        try {
            file.close();
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            log.warn("Could not remove the unfinished file {}: {}", temp, e.getMessage());
            cause.addSuppressed(e);
        }
    }
}
