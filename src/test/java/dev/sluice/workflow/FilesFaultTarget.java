package dev.sluice.workflow;

import dev.sluice.common.SluiceProperties;
import dev.sluice.destination.Destination;
import dev.sluice.destination.files.FilesDestination;
import dev.sluice.destination.files.FilesDestinationProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.util.FileSystemUtils;

/** The Files destination on a temporary data dir; reads the finished {@code part-*.jsonl} files back. */
final class FilesFaultTarget implements FaultTarget {

    private final Path dataDir;
    private final FilesDestination destination;

    FilesFaultTarget() {
        try {
            dataDir = Files.createTempDirectory("sluice-faults");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        destination = new FilesDestination(new FilesDestinationProperties(null), new SluiceProperties(dataDir), Clock.systemUTC());
    }

    @Override
    public Destination destination() {
        return destination;
    }

    @Override
    public Map<String, Object> newPlace() {
        return Map.of("path", "faults-" + UUID.randomUUID(), "max_file_size_mb", MAX_FILE_SIZE_MB);
    }

    @Override
    public List<String> uuids(Map<String, Object> config) {
        Path dir = dataDir.resolve("exports").resolve(config.get("path").toString());
        List<String> uuids = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path part : files.filter(f -> f.getFileName().toString().matches("part-\\d{5,}\\.jsonl")).sorted().toList()) {
                uuids.addAll(FaultTarget.uuidsOfJsonLines(Files.newBufferedReader(part, StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return uuids;
    }

    @Override
    public void stop() {
        try {
            FileSystemUtils.deleteRecursively(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "Files";
    }
}
