package dev.sluice.destination.files;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.common.SluiceProperties;
import dev.sluice.destination.ConnectionStep;
import dev.sluice.destination.Destination;
import dev.sluice.destination.DestinationRequest;
import dev.sluice.destination.DestinationType;
import dev.sluice.destination.DestinationUserException;
import dev.sluice.destination.ExportCheckpoint;
import dev.sluice.destination.ExportOutcome;
import dev.sluice.destination.IntervalManifest;
import dev.sluice.destination.ProgressListener;
import dev.sluice.source.Cursor;
import dev.sluice.source.RecordBatchStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Writes exports as files in a directory on the server: {@code <base-dir>/<path>/<start>_<end>/}
 * holds {@code part-00000.<ext>}, {@code part-00001.<ext>} … and, written last, {@code manifest.json}
 * (files, records, bytes, interval), whose presence marks the interval complete.
 *
 * <p><b>Exactly once.</b> Every file is written under a temporary name and atomically moved into
 * place. A write of an interval first removes its manifest; when done it deletes parts that it did
 * not write (stale parts of an earlier attempt) and writes the manifest. So a retry replaces the
 * interval's output rather than adding a second copy of any row. While writing, an attempt holds an
 * exclusive {@link IntervalLock} on the interval directory, so an attempt that outlived its timeout
 * cannot interleave its parts with the retry's; the lock file lives in
 * {@code ${sluice.data-dir}/locks/files}, so an interval directory holds only its parts and manifest.
 *
 * <p><b>Splitting.</b> A part is closed after the batch that takes it to {@code max_file_size_mb}
 * (bytes after compression), so a part can exceed the limit by up to one source batch.
 *
 * <p><b>Resuming.</b> After each finished part, {@link ProgressListener#committed} receives an
 * {@link ExportCheckpoint} with the cursor of the part's last row, the parts finished, the running
 * records and bytes, and (in {@code state}) the finished parts' names and counts. When
 * {@code request.resumeFrom()} carries a cursor, the caller must pass a stream opened with
 * {@code resumeAfter} set to that cursor: the parts {@code [0, filesCompleted)} are kept as they are
 * and writing continues at part {@code filesCompleted} with the stream's rows. The outcome's records
 * and bytes are totals for the interval, kept parts included. A checkpoint whose parts are missing
 * or changed on disk cannot be resumed from: the write commits an empty checkpoint and fails, so the next attempt starts over.
 *
 * <p><b>Confinement.</b> The {@code path} is resolved inside {@code sluice.destinations.files.base-dir}
 * (default {@code ${sluice.data-dir}/exports}); absolute paths, {@code ..} and symbolic links out of
 * the base are refused with a {@link DestinationUserException}, as are permission and
 * not-a-directory errors. Other disk errors propagate to be retried.
 */
@Component
public class FilesDestination implements Destination {

    private static final Logger log = LoggerFactory.getLogger(FilesDestination.class);

    static final String FILES_STATE_KEY = "files";
    static final String RESOLVE = "Resolve directory";
    static final String WRITE = "Write a test file";
    static final String REMOVE = "Remove the test file";
    private static final List<String> STEP_NAMES = List.of(RESOLVE, WRITE, REMOVE);
    private static final TypeReference<List<WrittenFile>> FILE_LIST = new TypeReference<>() {
    };

    private final Path baseDir;
    private final Path locksDir;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    public FilesDestination(FilesDestinationProperties properties, SluiceProperties sluice, Clock clock) {
        this.baseDir = properties.resolveBaseDir(sluice);
        this.locksDir = sluice.dataDir().resolve("locks").resolve("files").toAbsolutePath().normalize();
        this.clock = clock;
    }

    @Override
    public DestinationType type() {
        return DestinationType.FILES;
    }

    @Override
    public ExportOutcome write(DestinationRequest request, RecordBatchStream rows, ProgressListener progress) {
        FilesConfig config = FilesConfig.parse(request.config());
        try {
            Path realBase = ConfinedDirectories.base(baseDir);
            Path exportDir = ConfinedDirectories.resolve(realBase, config.path(), new ArrayList<>());
            Path intervalDir = ConfinedDirectories.child(realBase, exportDir, IntervalLayout.directoryName(request.interval()),
                    config.path(), new ArrayList<>());
            try (IntervalLock lock = IntervalLock.acquire(locksDir, intervalDir)) {
                return writeInterval(request, config, intervalDir, rows, progress);
            }
        } catch (IOException e) {
            throw DiskErrors.translate(e, config.path());
        }
    }

    private ExportOutcome writeInterval(DestinationRequest request, FilesConfig config, Path dir, RecordBatchStream rows,
                                        ProgressListener progress) throws IOException {
        Files.deleteIfExists(dir.resolve(IntervalLayout.MANIFEST));
        List<WrittenFile> files = keptFiles(request.resumeFrom(), dir, progress);
        long records = files.stream().mapToLong(WrittenFile::records).sum();
        long bytes = files.stream().mapToLong(WrittenFile::bytes).sum();
        PartFile part = null;
        Cursor lastCursor = null;
        try {
            while (rows.next()) {
                VectorSchemaRoot batch = rows.root();
                if (batch.getRowCount() == 0) {
                    continue;
                }
                if (part == null) {
                    part = PartFile.open(dir, IntervalLayout.partName(files.size(), config.extension()), config, rows.schema());
                }
                part.write(batch);
                lastCursor = rows.cursor();
                if (part.bytes() >= config.maxFileBytes()) {
                    WrittenFile done = part.finish();
                    part = null;
                    files.add(done);
                    records += done.records();
                    bytes += done.bytes();
                    progress.committed(checkpoint(lastCursor, files, records, bytes));
                }
            }
            if (part != null) {
                WrittenFile done = part.finish();
                part = null;
                files.add(done);
                records += done.records();
                bytes += done.bytes();
                progress.committed(checkpoint(lastCursor, files, records, bytes));
            }
        } catch (IOException | RuntimeException e) {
            if (part != null) {
                part.abort(e);
            }
            throw e;
        }
        removeStaleFiles(dir, files);
        writeManifest(dir, IntervalManifest.of(request, config.format().configValue(), config.compression().configValue(), files,
                records, bytes, clock.instant()));
        return new ExportOutcome(records, bytes);
    }

    /**
     * The parts a resumed write keeps, checked against the disk; none when starting afresh. A
     * checkpoint that cannot be resumed from is replaced by an empty one before the attempt fails,
     * so the next attempt writes the interval from its start.
     */
    private List<WrittenFile> keptFiles(ExportCheckpoint from, Path dir, ProgressListener progress) throws IOException {
        List<WrittenFile> kept = new ArrayList<>();
        if (from == null || from.cursor() == null || from.filesCompleted() == 0) {
            return kept;
        }
        String state = from.state() == null ? null : from.state().get(FILES_STATE_KEY);
        if (state == null) {
            throw startOver(progress, "The checkpoint lists no finished files.");
        }
        kept.addAll(json.readValue(state, FILE_LIST));
        if (kept.size() != from.filesCompleted()) {
            throw startOver(progress, "The checkpoint says " + from.filesCompleted() + " files are finished but lists " + kept.size() + ".");
        }
        for (WrittenFile file : kept) {
            Path path = dir.resolve(file.name());
            if (!IntervalLayout.isPart(file.name()) || !Files.isRegularFile(path) || Files.size(path) != file.bytes()) {
                throw startOver(progress, "The finished file " + file.name() + " is missing or changed, so the export cannot resume.");
            }
        }
        return kept;
    }

    private static IllegalStateException startOver(ProgressListener progress, String reason) {
        progress.committed(ExportCheckpoint.start());
        return new IllegalStateException(reason + " The interval will be written again from its start.");
    }

    private ExportCheckpoint checkpoint(Cursor cursor, List<WrittenFile> files, long records, long bytes) {
        try {
            return new ExportCheckpoint(cursor, files.size(), records, bytes, Map.of(FILES_STATE_KEY, json.writeValueAsString(files)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("file list is not serialisable", e);
        }
    }

    /** Deletes parts this write did not produce and temporary files that crashed attempts left behind. */
    private static void removeStaleFiles(Path dir, List<WrittenFile> files) throws IOException {
        Set<String> keep = new HashSet<>();
        files.forEach(f -> keep.add(f.name()));
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if ((IntervalLayout.isPart(name) && !keep.contains(name)) || IntervalLayout.isTemp(name)) {
                    Files.deleteIfExists(entry);
                }
            }
        }
    }

    private void writeManifest(Path dir, IntervalManifest<WrittenFile> manifest) throws IOException {
        Path temp = dir.resolve(IntervalLayout.tempName(IntervalLayout.MANIFEST));
        try (SyncedFileOutputStream out = new SyncedFileOutputStream(temp)) {
            out.write(json.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
        }
        Files.move(temp, dir.resolve(IntervalLayout.MANIFEST), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Resolves (creating if needed) the directory, writes and removes a test file, then removes the
     * directories it created, leaving the disk as it was.
     */
    @Override
    public List<ConnectionStep> testConnection(Map<String, Object> config) {
        List<ConnectionStep> steps = new ArrayList<>();
        List<Path> created = new ArrayList<>();
        Path dir;
        String path = config.get("path") == null ? "" : config.get("path").toString();
        try {
            FilesConfig parsed = FilesConfig.parse(config);
            dir = ConfinedDirectories.resolve(ConfinedDirectories.base(baseDir), parsed.path(), created);
            steps.add(new ConnectionStep(RESOLVE, true, "Files will be written to " + dir + "."));
        } catch (DestinationUserException e) {
            return failedFrom(steps, e.getMessage());
        } catch (IOException e) {
            return failedFrom(steps, DiskErrors.translate(e, path).getMessage());
        }
        Path testFile = dir.resolve(".sluice-connection-test-" + UUID.randomUUID());
        try (SyncedFileOutputStream out = new SyncedFileOutputStream(testFile)) {
            out.write("Sluice connection test\n".getBytes(StandardCharsets.UTF_8));
            steps.add(new ConnectionStep(WRITE, true, "Wrote " + testFile.getFileName() + "."));
        } catch (IOException e) {
            removeQuietly(testFile, created);
            return failedFrom(steps, DiskErrors.translate(e, path).getMessage());
        }
        try {
            Files.delete(testFile);
            for (int i = created.size() - 1; i >= 0; i--) {
                Files.deleteIfExists(created.get(i));
            }
            steps.add(new ConnectionStep(REMOVE, true, "Removed " + testFile.getFileName() + "."));
        } catch (IOException e) {
            steps.add(new ConnectionStep(REMOVE, false, DiskErrors.translate(e, path).getMessage()));
        }
        return steps;
    }

    /** Fails the next step with {@code message} and marks the remaining ones as not run. */
    private static List<ConnectionStep> failedFrom(List<ConnectionStep> steps, String message) {
        steps.add(new ConnectionStep(STEP_NAMES.get(steps.size()), false, message));
        while (steps.size() < STEP_NAMES.size()) {
            steps.add(new ConnectionStep(STEP_NAMES.get(steps.size()), false, "Not run because an earlier step failed."));
        }
        return steps;
    }

    private static void removeQuietly(Path testFile, List<Path> created) {
        try {
            Files.deleteIfExists(testFile);
            for (int i = created.size() - 1; i >= 0; i--) {
                Files.deleteIfExists(created.get(i));
            }
        } catch (IOException e) {
            log.warn("Could not clean up after a failed connection test: {}", e.getMessage());
        }
    }
}
