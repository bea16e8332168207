package dev.sluice.destination.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.luben.zstd.ZstdInputStream;
import dev.sluice.common.DataInterval;
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
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import dev.sluice.destination.s3.S3Errors.S3RetryableException;
import software.amazon.awssdk.core.exception.SdkClientException;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xerial.snappy.SnappyFramedInputStream;
import net.jpountz.lz4.LZ4FrameInputStream;
import dev.sluice.format.Compression;
import dev.sluice.format.FileFormat;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/** The S3 destination against a real S3 API (s3proxy in this JVM) fed by a real event store. */
class S3DestinationTest {

    private static final Instant START = Instant.parse("2024-03-01T10:00:00Z");
    private static final DataInterval INTERVAL = new DataInterval(START, Instant.parse("2024-03-01T11:00:00Z"));
    private static final String INTERVAL_DIR = "20240301T100000Z_20240301T110000Z";
    private static final long FIVE_MIB = 5L * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TestEventStore store;
    private static S3ProxyServer s3;

    @TempDir
    Path temp;

    private final List<SdkRequest> requests = new CopyOnWriteArrayList<>();
    private RootAllocator allocator;
    private UUID project;
    private String bucket;
    private S3Destination destination;

    @BeforeAll
    static void start() {
        store = TestEventStore.start();
        s3 = S3ProxyServer.start();
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
        store.close();
    }

    @BeforeEach
    void setUp() {
        allocator = new RootAllocator();
        project = store.newProject();
        bucket = s3.createBucket("bucket-" + UUID.randomUUID().toString().substring(0, 8));
        ExecutionInterceptor recorder = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                requests.add(context.request());
            }
        };
        destination = destination(new S3UploadProperties(3, 4), recorder);
    }

    private static S3Destination destination(S3UploadProperties uploads, ExecutionInterceptor... interceptors) {
        return new S3Destination(Clock.fixed(Instant.parse("2024-03-01T11:05:00Z"), ZoneOffset.UTC),
                config -> S3ClientFactory.configure(S3Client.builder(), config, List.of(interceptors)).build(), FIVE_MIB, uploads);
    }

    @AfterEach
    void everyArrowBufferWasFreed() {
        allocator.close();
    }

    @Test
    void writesGzippedJsonLinesUnderTheTemplatedPrefixAndThenTheManifest() throws IOException {
        List<String> uuids = insertEvents(25, 100);
        store.event(project, "next interval", INTERVAL.end(), "{}");

        Written written = write(config("/exports//{table}/{year}/{month}/{day}/{hour}/", "JSONLines", "gzip", null), null, 10);

        String dir = "exports/events/2024/03/01/11/" + INTERVAL_DIR + "/";
        assertThat(s3.keys(bucket)).containsExactly(dir + "manifest.json", dir + "part-00000.jsonl.gz");
        assertThat(rowsOf(dir + "part-00000.jsonl.gz")).containsExactlyElementsOf(uuids);
        assertThat(written.outcome()).isEqualTo(new ExportOutcome(25, s3.bytes(bucket, dir + "part-00000.jsonl.gz").length));
        JsonNode manifest = JSON.readTree(s3.bytes(bucket, dir + "manifest.json"));
        assertThat(manifest.get("records").asLong()).isEqualTo(25);
        assertThat(manifest.get("data_interval_start").asText()).isEqualTo("2024-03-01T10:00:00Z");
        assertThat(manifest.get("files").get(0).get("key").asText()).isEqualTo(dir + "part-00000.jsonl.gz");
        assertThat(manifest.get("completed_at").asText()).isEqualTo("2024-03-01T11:05:00Z");
        assertThat(written.checkpoints()).hasSize(1);
        assertThat(written.checkpoints().get(0).cursor().key()).isEqualTo(uuids.get(24));
        assertThat(requests).filteredOn(r -> r instanceof CompleteMultipartUploadRequest).hasSize(1);
    }

    @Test
    void writesParquetAndZstdCsvObjectsThatReadBack() throws IOException {
        List<String> uuids = insertEvents(40, 100);

        write(config("parquet", "Parquet", "zstd", null), null, 15);
        write(config("csv", "CSV", "zstd", null), null, 15);

        Path parquet = temp.resolve("part.parquet");
        Files.write(parquet, s3.bytes(bucket, "parquet/" + INTERVAL_DIR + "/part-00000.parquet"));
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(parquet))) {
            assertThat(reader.getRecordCount()).isEqualTo(40);
        }
        List<String> lines = lines("csv/" + INTERVAL_DIR + "/part-00000.csv.zst");
        assertThat(lines.get(0)).isEqualTo("uuid,event,distinct_id,person_id,properties,timestamp,inserted_at");
        assertThat(lines.subList(1, lines.size())).extracting(l -> l.substring(0, l.indexOf(','))).containsExactlyElementsOf(uuids);
    }

    @ParameterizedTest
    @CsvSource({"JSONLines,", "JSONLines,gzip", "JSONLines,zstd", "JSONLines,snappy", "JSONLines,lz4", "CSV,", "CSV,gzip", "CSV,zstd",
            "CSV,snappy", "CSV,lz4", "Parquet,", "Parquet,gzip", "Parquet,zstd", "Parquet,snappy", "Parquet,lz4"})
    void everyFormatAndCompressionRoundTripsThroughTheBucket(String format, String compression) throws IOException {
        List<String> uuids = insertEvents(30, 100);

        Written written = write(config("matrix", format, compression, null), null, 7);

        String extension = FileFormat.fromConfigValue(format).orElseThrow()
                .extension(Compression.fromConfigValue(compression).orElseThrow());
        String key = "matrix/" + INTERVAL_DIR + "/part-00000." + extension;
        assertThat(s3.keys(bucket)).containsExactly("matrix/" + INTERVAL_DIR + "/manifest.json", key);
        if (format.equals("Parquet")) {
            Path parquet = temp.resolve("part.parquet");
            Files.write(parquet, s3.bytes(bucket, key));
            try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(parquet))) {
                assertThat(reader.getRecordCount()).isEqualTo(30);
            }
        } else if (format.equals("CSV")) {
            List<String> lines = lines(key);
            assertThat(lines.subList(1, lines.size())).extracting(l -> l.substring(0, l.indexOf(','))).containsExactlyElementsOf(uuids);
        } else {
            assertThat(rowsOf(key)).containsExactlyElementsOf(uuids);
        }
        assertThat(written.outcome()).isEqualTo(new ExportOutcome(30, s3.bytes(bucket, key).length));
    }

    @Test
    void splittingBySizeGivesSeveralObjectsWhoseRowsSumToTheTotal() throws IOException {
        List<String> uuids = insertEvents(300, 100);

        Written written = write(config("split", "JSONLines", null, 0.01), null, 20);

        List<String> parts = parts("split/" + INTERVAL_DIR + "/");
        assertThat(parts).hasSizeGreaterThan(3);
        for (String part : parts.subList(0, parts.size() - 1)) {
            assertThat((long) s3.bytes(bucket, part).length).isGreaterThanOrEqualTo((long) (0.01 * 1024 * 1024));
        }
        assertThat(rowsUnder("split/" + INTERVAL_DIR + "/")).containsExactlyElementsOf(uuids);
        assertThat(written.outcome().records()).isEqualTo(300);
        assertThat(written.checkpoints()).extracting(ExportCheckpoint::filesCompleted).last().isEqualTo(parts.size());
    }

    @Test
    void aRetriedIntervalReplacesItsObjectsAndDeletesStaleParts() throws IOException {
        List<String> uuids = insertEvents(200, 100);
        String dir = "retried/" + INTERVAL_DIR + "/";
        write(config("retried", "JSONLines", "gzip", 0.005), null, 20);
        int partsOfFirstAttempt = parts(dir).size();
        assertThat(partsOfFirstAttempt).isGreaterThan(1);

        write(config("retried", "JSONLines", "gzip", 0.005), null, 20);
        assertThat(parts(dir)).hasSize(partsOfFirstAttempt);
        assertThat(rowsUnder(dir)).containsExactlyElementsOf(uuids);

        Written unsplit = write(config("retried", "JSONLines", "gzip", null), null, 20);
        assertThat(s3.keys(bucket)).containsExactly(dir + "manifest.json", dir + "part-00000.jsonl.gz");
        assertThat(rowsUnder(dir)).containsExactlyElementsOf(uuids);
        assertThat(unsplit.outcome().records()).isEqualTo(200);
    }

    @Test
    void aLargeObjectIsUploadedInPartsAndAResumedAttemptContinuesTheSameMultipartUpload() throws IOException {
        List<String> uuids = insertEvents(2600, 6000);
        Map<String, Object> config = config("big", "CSV", "gzip", null);
        List<ExportCheckpoint> beforeCrash = new ArrayList<>();
        ProgressListener crashesAfterTwoParts = checkpoint -> {
            beforeCrash.add(checkpoint);
            if (beforeCrash.size() == 2) {
                throw new IllegalStateException("worker lost");
            }
        };
        assertThatThrownBy(() -> write(config, null, 100, crashesAfterTwoParts)).hasMessage("worker lost");
        String key = "big/" + INTERVAL_DIR + "/part-00000.csv.gz";
        assertThat(s3.keys(bucket)).isEmpty();
        ExportCheckpoint committed = beforeCrash.get(1);
        assertThat(committed.filesCompleted()).isZero();
        assertThat(committed.records()).isBetween(1L, 2599L);
        JsonNode upload = JSON.readTree(committed.state().get("s3")).get("upload");
        assertThat(upload.get("parts")).hasSize(2);
        assertThat(upload.get("parts")).allSatisfy(p -> assertThat(p.get("bytes").asLong()).isGreaterThanOrEqualTo(FIVE_MIB));
        String uploadId = upload.get("upload_id").asText();
        requests.clear();

        Written resumed = write(config, committed, 100);

        assertThat(requests).filteredOn(r -> r instanceof CreateMultipartUploadRequest).isEmpty();
        assertThat(requests).filteredOn(r -> r instanceof UploadPartRequest).extracting(r -> ((UploadPartRequest) r).partNumber())
                .containsExactly(3);
        assertThat(requests).filteredOn(r -> r instanceof CompleteMultipartUploadRequest)
                .extracting(r -> ((CompleteMultipartUploadRequest) r).uploadId()).containsExactly(uploadId);
        List<String> lines = lines(key);
        assertThat(lines.get(0)).startsWith("uuid,");
        assertThat(lines.subList(1, lines.size())).extracting(l -> l.substring(0, l.indexOf(','))).containsExactlyElementsOf(uuids);
        assertThat(resumed.outcome().records()).isEqualTo(2600);
        assertThat(resumed.outcome().bytes()).isEqualTo(s3.bytes(bucket, key).length);
        assertThat(s3.client().listMultipartUploads(r -> r.bucket(bucket)).uploads()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"CSV,gzip", "Parquet,zstd"})
    void partsUploadedConcurrentlyMakeTheSameBytesAsPartsUploadedOneByOne(String format, String compression) throws IOException {
        insertEvents(2600, 6000);
        CountDownLatch secondPartStarted = new CountDownLatch(1);
        AtomicBoolean overlapped = new AtomicBoolean();
        ExecutionInterceptor firstPartWaitsForTheSecond = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof UploadPartRequest part && part.partNumber() == 2) {
                    secondPartStarted.countDown();
                } else if (context.request() instanceof UploadPartRequest part && part.partNumber() == 1) {
                    try {
                        overlapped.set(secondPartStarted.await(60, TimeUnit.SECONDS));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
        destination = destination(new S3UploadProperties(1, 1));
        write(config("serial", format, compression, null), null, 100);
        destination = destination(new S3UploadProperties(3, 4), firstPartWaitsForTheSecond);
        write(config("parallel", format, compression, null), null, 100);

        String name = "/" + INTERVAL_DIR + "/part-00000." + FileFormat.fromConfigValue(format).orElseThrow()
                .extension(Compression.fromConfigValue(compression).orElseThrow());
        assertThat(overlapped).as("part 2 started uploading while part 1 was uploading").isTrue();
        assertThat(s3.bytes(bucket, "parallel" + name)).hasSizeGreaterThan((int) (2 * FIVE_MIB))
                .isEqualTo(s3.bytes(bucket, "serial" + name));
    }

    @Test
    void aFailedLaterPartFailsTheAttemptWhoseCheckpointTheNextAttemptResumesWithEveryRowOnce() throws IOException {
        List<String> uuids = insertEvents(4000, 6000);
        Map<String, Object> config = config("failing", "CSV", "gzip", null);
        ExecutionInterceptor thirdPartFails = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof UploadPartRequest part && part.partNumber() == 3) {
                    throw SdkClientException.create("connection reset while sending part 3");
                }
            }
        };
        destination = destination(new S3UploadProperties(3, 4), thirdPartFails);
        List<ExportCheckpoint> checkpoints = new ArrayList<>();

        assertThatThrownBy(() -> write(config, null, 100, checkpoints::add)).isInstanceOf(S3RetryableException.class)
                .hasMessageContaining("uploading part 3");

        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .noneMatch(name -> name.startsWith(PartUploads.THREAD_PREFIX));
        for (ExportCheckpoint checkpoint : checkpoints) {
            JsonNode parts = JSON.readTree(checkpoint.state().get("s3")).get("upload").get("parts");
            assertThat(parts).extracting(p -> p.get("number").asInt()).isEqualTo(IntStream.rangeClosed(1, parts.size()).boxed().toList())
                    .hasSizeLessThan(3);
        }
        ExportCheckpoint last = checkpoints.isEmpty() ? null : checkpoints.get(checkpoints.size() - 1);
        destination = destination(new S3UploadProperties(3, 4));

        Written resumed = write(config, last, 100);

        List<String> lines = lines("failing/" + INTERVAL_DIR + "/part-00000.csv.gz");
        assertThat(lines.subList(1, lines.size())).extracting(l -> l.substring(0, l.indexOf(','))).containsExactlyElementsOf(uuids);
        assertThat(resumed.outcome().records()).isEqualTo(4000);
        assertThat(s3.client().listMultipartUploads(r -> r.bucket(bucket)).uploads()).isEmpty();
    }

    @Test
    void aCheckpointWhoseUploadIsGoneMakesTheNextAttemptStartOver() {
        insertEvents(1200, 6000);
        Map<String, Object> config = config("gone", "JSONLines", null, null);
        List<ExportCheckpoint> beforeCrash = new ArrayList<>();
        assertThatThrownBy(() -> write(config, null, 100, checkpoint -> {
            beforeCrash.add(checkpoint);
            throw new IllegalStateException("worker lost");
        })).hasMessage("worker lost");
        ExportCheckpoint committed = beforeCrash.get(0);
        String uploadId = s3.client().listMultipartUploads(r -> r.bucket(bucket)).uploads().get(0).uploadId();
        s3.client().abortMultipartUpload(r -> r.bucket(bucket).key("gone/" + INTERVAL_DIR + "/part-00000.jsonl").uploadId(uploadId));

        List<ExportCheckpoint> afterwards = new ArrayList<>();
        assertThatThrownBy(() -> write(config, committed, 100, afterwards::add))
                .hasMessageContaining("is gone or lacks parts").hasMessageContaining("written again from its start");
        assertThat(afterwards).containsExactly(ExportCheckpoint.start());
    }

    @Test
    void aes256EncryptionIsRequestedForEveryObjectAndTheManifest() {
        insertEvents(10, 100);
        Map<String, Object> config = config("sse", "JSONLines", null, null);
        config.put("encryption", "AES256");

        write(config, null, 10);

        assertThat(requests).filteredOn(r -> r instanceof CreateMultipartUploadRequest)
                .extracting(r -> ((CreateMultipartUploadRequest) r).serverSideEncryption()).containsExactly(ServerSideEncryption.AES256);
        assertThat(requests).filteredOn(r -> r instanceof PutObjectRequest)
                .extracting(r -> ((PutObjectRequest) r).serverSideEncryption()).containsExactly(ServerSideEncryption.AES256);
        assertThat(s3.client().headObject(r -> r.bucket(bucket).key("sse/" + INTERVAL_DIR + "/part-00000.jsonl")).serverSideEncryption())
                .isEqualTo(ServerSideEncryption.AES256);
    }

    @Test
    void aMissingBucketIsAUserErrorThatNamesIt() {
        insertEvents(3, 100);
        Map<String, Object> config = config("x", null, null, null);
        config.put("bucket_name", "no-such-bucket");

        assertThatThrownBy(() -> write(config, null, 10)).isInstanceOf(DestinationUserException.class)
                .hasMessageStartingWith("The bucket 'no-such-bucket' at " + s3.endpoint() + " does not exist");
    }

    @Test
    void aWrongSecretIsAUserErrorThatDoesNotShowTheSecret() {
        insertEvents(3, 100);
        Map<String, Object> config = config("x", null, null, null);
        config.put("aws_secret_access_key", "wrong-secret-value-42");

        assertThatThrownBy(() -> write(config, null, 10)).isInstanceOf(DestinationUserException.class)
                .hasMessageContaining("correct aws_secret_access_key")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong-secret-value-42").doesNotContain(S3ProxyServer.SECRET));
    }

    @Test
    void aConnectionTestPassesEachStepAndLeavesNothingBehind() {
        List<ConnectionStep> steps = destination.testConnection(config("probe/{year}", "Parquet", "zstd", null));

        assertThat(steps).extracting(ConnectionStep::name)
                .containsExactly("Check credentials and bucket", "Write a test object", "Delete the test object");
        assertThat(steps).allSatisfy(step -> assertThat(step.passed()).as(step.message()).isTrue());
        assertThat(steps.get(1).message()).startsWith("Wrote probe/2024/.sluice-connection-test-");
        assertThat(s3.keys(bucket)).isEmpty();
    }

    @Test
    void aConnectionTestWithAnUnknownKeyIdFailsTheFirstStepAndSkipsTheRest() {
        Map<String, Object> config = config("probe", null, null, null);
        config.put("aws_access_key_id", "AKIAUNKNOWN000000000");

        List<ConnectionStep> steps = destination.testConnection(config);

        assertThat(steps).containsExactly(
                new ConnectionStep("Check credentials and bucket", false,
                        "S3 does not know the AWS access key id of this destination; correct aws_access_key_id."),
                new ConnectionStep("Write a test object", false, "Not run because an earlier step failed."),
                new ConnectionStep("Delete the test object", false, "Not run because an earlier step failed."));
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
        SourceQuery query = new SourceQuery(project, ExportModel.EVENTS, null, null, INTERVAL, resumeFrom == null ? null : resumeFrom.cursor());
        try (RecordBatchStream rows = store.source(batchRows).open(query, allocator)) {
            return destination.write(new DestinationRequest(UUID.randomUUID(), UUID.randomUUID(), project, INTERVAL, ExportModel.EVENTS,
                    config, resumeFrom), rows, progress);
        }
    }

    private Map<String, Object> config(String prefix, String format, String compression, Double maxFileSizeMb) {
        Map<String, Object> config = s3.config(bucket);
        config.put("prefix", prefix);
        config.put("file_format", format);
        config.put("compression", compression);
        config.put("max_file_size_mb", maxFileSizeMb);
        return config;
    }

    /** Inserts events spread over the interval, each with {@code padBytes} of incompressible properties, and returns their uuids in export order. */
    private List<String> insertEvents(int count, int padBytes) {
        Random random = new Random(count);
        List<String> uuids = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] pad = new byte[padBytes * 3 / 4];
            random.nextBytes(pad);
            UUID uuid = UUID.randomUUID();
            Timestamp insertedAt = Timestamp.from(START.plusMillis(i));
            rows.add(new Object[] {project, uuid, "user-" + i, "{\"pad\": \"" + Base64.getEncoder().encodeToString(pad) + "\"}", insertedAt,
                    insertedAt});
            uuids.add(uuid.toString());
        }
        store.jdbc().batchUpdate("insert into events (project_id, uuid, event, distinct_id, properties, timestamp, inserted_at)"
                + " values (?, ?, '$pageview', ?, ?::jsonb, ?, ?)", rows);
        return uuids;
    }

    private List<String> parts(String dir) {
        return s3.keys(bucket).stream().filter(k -> k.startsWith(dir + "part-")).toList();
    }

    private List<String> rowsUnder(String dir) throws IOException {
        List<String> uuids = new ArrayList<>();
        for (String part : parts(dir)) {
            uuids.addAll(rowsOf(part));
        }
        return uuids;
    }

    private List<String> rowsOf(String key) throws IOException {
        List<String> uuids = new ArrayList<>();
        for (String line : lines(key)) {
            uuids.add(JSON.readTree(line).get("uuid").asText());
        }
        return uuids;
    }

    private List<String> lines(String key) throws IOException {
        InputStream raw = new ByteArrayInputStream(s3.bytes(bucket, key));
        InputStream in = key.endsWith(".gz") ? new GZIPInputStream(raw) : key.endsWith(".zst") ? new ZstdInputStream(raw)
                : key.endsWith(".sz") ? new SnappyFramedInputStream(raw) : key.endsWith(".lz4") ? new LZ4FrameInputStream(raw) : raw;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().toList();
        }
    }
}
