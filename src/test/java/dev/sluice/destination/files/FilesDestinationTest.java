package dev.sluice.destination.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.common.DataInterval;
import dev.sluice.common.SluiceProperties;
import dev.sluice.destination.ConnectionStep;
import dev.sluice.destination.DestinationRequest;
import dev.sluice.destination.DestinationUserException;
import dev.sluice.destination.ExportCheckpoint;
import dev.sluice.destination.ExportOutcome;
import dev.sluice.destination.ProgressListener;
import dev.sluice.source.ExportModel;
import dev.sluice.source.RecordBatchStream;
import dev.sluice.source.SourceQuery;
import dev.sluice.source.postgres.TestEventStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.arrow.memory.RootAllocator;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesDestinationTest {

    private static final Instant START = Instant.parse("2024-03-01T10:00:00Z");
    private static final DataInterval INTERVAL = new DataInterval(START, Instant.parse("2024-03-01T11:00:00Z"));
    private static final String INTERVAL_DIR = "20240301T100000Z_20240301T110000Z";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TestEventStore store;

    @TempDir
    Path dataDir;

    private Path exports;
    private RootAllocator allocator;
    private UUID project;
    private FilesDestination destination;

    @BeforeAll
    static void startDatabase() {
        store = TestEventStore.start();
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        store.close();
    }

    @BeforeEach
    void setUp() {
        allocator = new RootAllocator();
        project = store.newProject();
        exports = dataDir.resolve("exports");
        destination = new FilesDestination(new FilesDestinationProperties(null), new SluiceProperties(dataDir),
                Clock.fixed(Instant.parse("2024-03-01T11:05:00Z"), ZoneOffset.UTC));
    }

    @AfterEach
    void everyArrowBufferWasFreed() {
        allocator.close();
    }

    @Test
    void writesTheIntervalsRowsIntoAPartAndThenTheManifest() throws IOException {
        List<String> uuids = insertEvents(25);
        store.event(project, "next interval", INTERVAL.end(), "{}");

        Written written = write(config("team/events", "JSONLines", "gzip", null), null, 10);

        Path dir = exports.resolve("team/events").resolve(INTERVAL_DIR);
        assertThat(fileNames(dir)).containsExactly("manifest.json", "part-00000.jsonl.gz");
        assertThat(rowsIn(dir)).containsExactlyElementsOf(uuids);
        assertThat(written.outcome()).isEqualTo(new ExportOutcome(25, Files.size(dir.resolve("part-00000.jsonl.gz"))));
        JsonNode manifest = JSON.readTree(dir.resolve("manifest.json").toFile());
        assertThat(manifest.get("records").asLong()).isEqualTo(25);
        assertThat(manifest.get("bytes").asLong()).isEqualTo(written.outcome().bytes());
        assertThat(manifest.get("data_interval_start").asText()).isEqualTo("2024-03-01T10:00:00Z");
        assertThat(manifest.get("data_interval_end").asText()).isEqualTo("2024-03-01T11:00:00Z");
        assertThat(manifest.get("files").get(0).get("name").asText()).isEqualTo("part-00000.jsonl.gz");
        assertThat(manifest.get("files").get(0).get("records").asLong()).isEqualTo(25);
        assertThat(manifest.get("completed_at").asText()).isEqualTo("2024-03-01T11:05:00Z");
        assertThat(written.checkpoints()).hasSize(1);
        assertThat(written.checkpoints().get(0).filesCompleted()).isEqualTo(1);
        assertThat(written.checkpoints().get(0).records()).isEqualTo(25);
        assertThat(written.checkpoints().get(0).cursor().key()).isEqualTo(uuids.get(24));
    }

    @Test
    void splittingBySizeGivesSeveralPartsWhoseRowsSumToTheTotal() throws IOException {
        List<String> uuids = insertEvents(300);
        long limit = (long) (0.01 * 1024 * 1024);

        Written written = write(config("split", "JSONLines", null, 0.01), null, 20);

        Path dir = exports.resolve("split").resolve(INTERVAL_DIR);
        List<Path> parts = parts(dir);
        assertThat(parts).hasSizeGreaterThan(3);
        for (Path part : parts.subList(0, parts.size() - 1)) {
            assertThat(Files.size(part)).isGreaterThanOrEqualTo(limit);
        }
        assertThat(rowsIn(dir)).containsExactlyElementsOf(uuids);
        assertThat(written.outcome().records()).isEqualTo(300);
        assertThat(written.outcome().bytes()).isEqualTo(totalSize(parts));
        assertThat(written.checkpoints()).extracting(ExportCheckpoint::filesCompleted)
                .containsExactlyElementsOf(Stream.iterate(1, i -> i + 1).limit(parts.size()).toList());
        assertThat(written.checkpoints().get(parts.size() - 1).records()).isEqualTo(300);
    }

    @Test
    void aWrittenIntervalDirectoryHoldsOnlyItsPartsAndManifestAndNoLockFileIsLeftInTheDataDir() throws IOException {
        insertEvents(300);

        write(config("only-parts", "JSONLines", null, 0.01), null, 20);

        Path dir = exports.resolve("only-parts").resolve(INTERVAL_DIR);
        List<String> expected = new ArrayList<>(parts(dir).stream().map(p -> p.getFileName().toString()).toList());
        expected.add("manifest.json");
        assertThat(expected).hasSizeGreaterThan(3);
        assertThat(fileNames(dir)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(fileNames(dataDir.resolve("locks").resolve("files"))).isEmpty();
    }

    @Test
    void aRetriedIntervalReplacesItsFilesInsteadOfAddingASecondCopy() throws IOException {
        List<String> uuids = insertEvents(200);
        Path dir = exports.resolve("retried").resolve(INTERVAL_DIR);
        write(config("retried", "JSONLines", "gzip", 0.005), null, 20);
        int partsOfFirstAttempt = parts(dir).size();
        assertThat(partsOfFirstAttempt).isGreaterThan(1);

        write(config("retried", "JSONLines", "gzip", 0.005), null, 20);
        assertThat(parts(dir)).hasSize(partsOfFirstAttempt);
        assertThat(rowsIn(dir)).containsExactlyElementsOf(uuids);

        Written unsplit = write(config("retried", "JSONLines", "gzip", null), null, 20);
        assertThat(fileNames(dir)).containsExactly("manifest.json", "part-00000.jsonl.gz");
        assertThat(rowsIn(dir)).hasSize((int) store.source(20).count(query(null))).containsExactlyElementsOf(uuids);
        assertThat(JSON.readTree(dir.resolve("manifest.json").toFile()).get("files")).hasSize(1);
        assertThat(unsplit.outcome().records()).isEqualTo(200);
    }

    @Test
    void aResumedWriteKeepsTheCommittedPartsAndWritesOnlyTheRemainingRows() throws IOException {
        List<String> uuids = insertEvents(600);
        Map<String, Object> config = config("resumed", "JSONLines", "zstd", 0.01);
        List<ExportCheckpoint> beforeCrash = new ArrayList<>();
        ProgressListener crashesAfterTwoParts = checkpoint -> {
            beforeCrash.add(checkpoint);
            if (beforeCrash.size() == 2) {
                throw new IllegalStateException("worker lost");
            }
        };
        assertThatThrownBy(() -> write(config, null, 20, crashesAfterTwoParts)).hasMessage("worker lost");
        Path dir = exports.resolve("resumed").resolve(INTERVAL_DIR);
        assertThat(fileNames(dir)).doesNotContain("manifest.json");
        ExportCheckpoint committed = beforeCrash.get(1);
        assertThat(committed.records()).isBetween(1L, 599L);
        byte[] firstPart = Files.readAllBytes(dir.resolve("part-00000.jsonl.zst"));

        Written resumed = write(config, committed, 20);

        List<JsonNode> files = new ArrayList<>();
        JSON.readTree(dir.resolve("manifest.json").toFile()).get("files").forEach(files::add);
        long rowsWrittenOnResume = files.subList(2, files.size()).stream().mapToLong(f -> f.get("records").asLong()).sum();
        assertThat(rowsWrittenOnResume).isEqualTo(600 - committed.records());
        assertThat(resumed.checkpoints().get(0).filesCompleted()).isEqualTo(3);
        assertThat(Files.readAllBytes(dir.resolve("part-00000.jsonl.zst"))).isEqualTo(firstPart);
        assertThat(rowsIn(dir)).containsExactlyElementsOf(uuids);
        assertThat(resumed.outcome().records()).isEqualTo(600);
        assertThat(resumed.outcome().bytes()).isEqualTo(totalSize(parts(dir)));
    }

    @Test
    void aCheckpointWhosePartsAreGoneCannotBeResumedFromAndIsReplacedByAnEmptyOne() throws IOException {
        insertEvents(100);
        Written first = write(config("gone", "JSONLines", null, 0.005), null, 20);
        ExportCheckpoint committed = first.checkpoints().get(0);
        Files.delete(exports.resolve("gone").resolve(INTERVAL_DIR).resolve("part-00000.jsonl"));
        List<ExportCheckpoint> checkpoints = new ArrayList<>();

        assertThatThrownBy(() -> write(config("gone", "JSONLines", null, 0.005), committed, 20, checkpoints::add))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("part-00000.jsonl is missing or changed")
                .hasMessageContaining("written again from its start");
        assertThat(checkpoints).containsExactly(ExportCheckpoint.start());
    }

    @Test
    void writesParquetAndCsvPartsNamedForTheirFormat() throws IOException {
        List<String> uuids = insertEvents(40);

        write(config("parquet", "Parquet", "zstd", null), null, 15);
        write(config("csv", "CSV", "gzip", null), null, 15);

        Path parquet = exports.resolve("parquet").resolve(INTERVAL_DIR).resolve("part-00000.parquet");
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(parquet))) {
            assertThat(reader.getRecordCount()).isEqualTo(40);
        }
        Path csv = exports.resolve("csv").resolve(INTERVAL_DIR).resolve("part-00000.csv.gz");
        List<String> lines = lines(csv);
        assertThat(lines.get(0)).isEqualTo("uuid,event,distinct_id,person_id,properties,timestamp,inserted_at");
        assertThat(lines.subList(1, lines.size())).extracting(l -> l.substring(0, l.indexOf(','))).containsExactlyElementsOf(uuids);
    }

    @Test
    void anIntervalWithoutRowsGetsAManifestListingNoFiles() throws IOException {
        Written written = write(config("empty", null, null, null), null, 10);

        Path dir = exports.resolve("empty").resolve(INTERVAL_DIR);
        assertThat(fileNames(dir)).containsExactly("manifest.json");
        JsonNode manifest = JSON.readTree(dir.resolve("manifest.json").toFile());
        assertThat(manifest.get("files")).isEmpty();
        assertThat(manifest.get("records").asLong()).isZero();
        assertThat(written.outcome()).isEqualTo(new ExportOutcome(0, 0));
    }

    @Test
    void pathsThatLeaveTheBaseDirectoryAreRefusedWithASentence() throws IOException {
        insertEvents(3);
        Path outside = Files.createDirectories(dataDir.resolve("outside"));
        Files.createDirectories(exports);
        Files.createSymbolicLink(exports.resolve("escape"), outside);
        Files.writeString(exports.resolve("a-file"), "not a directory");

        assertThatThrownBy(() -> write(config("/etc/sluice", null, null, null), null, 10))
                .isInstanceOf(DestinationUserException.class)
                .hasMessage("The Files path '/etc/sluice' must be relative to the exports base directory, not absolute.");
        assertThatThrownBy(() -> write(config("team/../../outside", null, null, null), null, 10))
                .isInstanceOf(DestinationUserException.class)
                .hasMessage("The Files path 'team/../../outside' must not contain '..'.");
        assertThatThrownBy(() -> write(config("escape/inner", null, null, null), null, 10))
                .isInstanceOf(DestinationUserException.class)
                .hasMessage("The Files path 'escape/inner' leads outside the exports base directory through a symbolic link.");
        assertThatThrownBy(() -> write(config("a-file/inner", null, null, null), null, 10))
                .isInstanceOf(DestinationUserException.class)
                .hasMessage("The Files path 'a-file/inner' names a file, not a directory.");
        try (Stream<Path> leaked = Files.list(outside)) {
            assertThat(leaked).isEmpty();
        }
        assertThat(Files.exists(exports.resolve("team"))).isFalse();
    }

    @Test
    void aConnectionTestPassesEachStepAndLeavesNothingBehind() {
        List<ConnectionStep> steps = destination.testConnection(config("new/nested", "Parquet", "zstd", null));

        assertThat(steps).extracting(ConnectionStep::name).containsExactly("Resolve directory", "Write a test file", "Remove the test file");
        assertThat(steps).allSatisfy(step -> assertThat(step.passed()).as(step.message()).isTrue());
        assertThat(steps.get(0).message()).contains(exports.resolve("new/nested").toString());
        assertThat(Files.exists(exports.resolve("new"))).isFalse();
    }

    @Test
    void aConnectionTestReportsTheFailedStepAndSkipsTheRest() {
        List<ConnectionStep> steps = destination.testConnection(config("../elsewhere", null, null, null));

        assertThat(steps).containsExactly(
                new ConnectionStep("Resolve directory", false, "The Files path '../elsewhere' must not contain '..'."),
                new ConnectionStep("Write a test file", false, "Not run because an earlier step failed."),
                new ConnectionStep("Remove the test file", false, "Not run because an earlier step failed."));
    }

    @Test
    void anUnknownFileFormatIsAUserError() {
        assertThatThrownBy(() -> write(config("x", "XML", null, null), null, 10))
                .isInstanceOf(DestinationUserException.class)
                .hasMessage("The file format 'XML' is not one of JSONLines, Parquet or CSV.");
    }

    private record Written(ExportOutcome outcome, List<ExportCheckpoint> checkpoints) {
    }

    private Written write(Map<String, Object> config, ExportCheckpoint resumeFrom, int batchRows) {
        List<ExportCheckpoint> checkpoints = new ArrayList<>();
        ExportOutcome outcome = write(config, resumeFrom, batchRows, checkpoints::add);
        return new Written(outcome, checkpoints);
    }

    /** Opens the source the way the export activity does: after the checkpoint's cursor when resuming. */
    private ExportOutcome write(Map<String, Object> config, ExportCheckpoint resumeFrom, int batchRows, ProgressListener progress) {
        SourceQuery query = query(resumeFrom == null ? null : resumeFrom.cursor());
        try (RecordBatchStream rows = store.source(batchRows).open(query, allocator)) {
            DestinationRequest request = new DestinationRequest(UUID.randomUUID(), UUID.randomUUID(), project, INTERVAL,
                    ExportModel.EVENTS, config, resumeFrom);
            return destination.write(request, rows, progress);
        }
    }

    private SourceQuery query(dev.sluice.source.Cursor resumeAfter) {
        return new SourceQuery(project, ExportModel.EVENTS, null, null, INTERVAL, resumeAfter);
    }

    private static Map<String, Object> config(String path, String format, String compression, Double maxFileSizeMb) {
        Map<String, Object> config = new HashMap<>();
        config.put("path", path);
        config.put("file_format", format);
        config.put("compression", compression);
        config.put("max_file_size_mb", maxFileSizeMb);
        return config;
    }

    /** Inserts events spread over the interval, each with incompressible properties, and returns their uuids in export order. */
    private List<String> insertEvents(int count) {
        List<String> uuids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String padding = UUID.randomUUID() + "-" + UUID.randomUUID();
            uuids.add(store.event(project, "$pageview", START.plusMillis(i * 10L), "{\"pad\": \"" + padding + "\"}").toString());
        }
        return uuids;
    }

    private static List<String> fileNames(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static List<Path> parts(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList();
        }
    }

    private static long totalSize(List<Path> files) throws IOException {
        long total = 0;
        for (Path file : files) {
            total += Files.size(file);
        }
        return total;
    }

    /** The uuid of every row in the interval's JSONLines parts, in part order. */
    private static List<String> rowsIn(Path dir) throws IOException {
        List<String> uuids = new ArrayList<>();
        for (Path part : parts(dir)) {
            for (String line : lines(part)) {
                uuids.add(JSON.readTree(line).get("uuid").asText());
            }
        }
        return uuids;
    }

    private static List<String> lines(Path file) throws IOException {
        String name = file.getFileName().toString();
        InputStream raw = Files.newInputStream(file);
        InputStream in = name.endsWith(".gz") ? new GZIPInputStream(raw)
                : name.endsWith(".zst") ? new com.github.luben.zstd.ZstdInputStream(raw) : raw;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().toList();
        }
    }
}
