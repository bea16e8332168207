package dev.sluice.destination.s3;

import dev.sluice.common.DataInterval;
import dev.sluice.destination.ConnectionStep;
import dev.sluice.destination.Destination;
import dev.sluice.destination.DestinationRequest;
import dev.sluice.destination.DestinationType;
import dev.sluice.destination.DestinationUserException;
import dev.sluice.destination.ExportOutcome;
import dev.sluice.destination.ProgressListener;
import dev.sluice.source.RecordBatchStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Writes exports to an S3 bucket or an S3-compatible service ({@code endpoint_url}, path-style):
 * {@code <prefix>/<start>_<end>/part-00000.<ext>} … and, written last, {@code manifest.json}
 * (objects, records, bytes, interval), whose presence marks the interval complete. See
 * {@link S3Layout} for the prefix template.
 *
 * <p><b>Exactly once.</b> Keys are deterministic per (prefix, interval, file index). A write of an
 * interval first deletes its manifest; every object is a multipart upload that replaces the object
 * of the same key only when it completes; at the end the write deletes part objects it did not
 * produce (stale parts of an earlier attempt that made more files), aborts multipart uploads left
 * under the interval, and writes the manifest. So a retry replaces the interval's output.
 *
 * <p><b>Splitting and parts.</b> An object is completed after the batch that takes it to
 * {@code max_file_size_mb}. JSONLines and CSV objects are uploaded in parts of at least 8 MiB, each
 * part a whole compression stream of whole rows ending after a batch (gzip members, zstd, lz4 and
 * Snappy frames concatenate into one valid file; only the first part has the CSV header). Parquet
 * objects stream into parts as the writer produces them.
 *
 * <p><b>Concurrent parts.</b> Filled parts are uploaded by a few threads of the write
 * ({@link S3UploadProperties}: {@code sluice.s3.upload-concurrency}, {@code sluice.s3.max-buffered-parts})
 * while the writer fills the next part; the writer waits when the maximum of filled parts is
 * outstanding, so memory is bounded by that many parts. A failed part fails the attempt once the
 * other uploads have stopped.
 *
 * <p><b>Resuming.</b> After each part of a JSONLines or CSV object and after each object,
 * {@link ProgressListener#committed} receives a checkpoint whose cursor is the last row in the
 * bucket (parts are checkpointed in order: a part is only named once it and every part before it
 * are uploaded) and whose {@code state} holds the finished objects and the multipart upload (id, part
 * numbers and ETags). Given that checkpoint in {@code request.resumeFrom()} and a stream opened after
 * its cursor, a retried attempt keeps the finished objects, continues the same multipart upload
 * with the next part, and completes it. A Parquet upload in progress cannot be continued: it is
 * aborted and that object is written again from the last finished object. When the checkpoint's
 * objects or upload are no longer in the bucket, the attempt resets the checkpoint and fails, so
 * the next one writes the interval from its start.
 *
 * <p><b>Errors.</b> A missing bucket, denied access, an unknown access key id, a wrong secret, a
 * wrong region, refused encryption settings and invalid configs are {@link DestinationUserException}s;
 * throttling, 5xx answers, timeouts and broken connections propagate to be retried (after the SDK's
 * own retries).
 */
@Component
public class S3Destination implements Destination {

    static final String STATE_KEY = "s3";
    static final String CHECK = "Check credentials and bucket";
    static final String WRITE = "Write a test object";
    static final String DELETE = "Delete the test object";
    static final long DEFAULT_PART_BYTES = 8L * 1024 * 1024;
    private static final List<String> STEP_NAMES = List.of(CHECK, WRITE, DELETE);

    private final Clock clock;
    private final S3ClientFactory clients;
    private final PartSizes partSizes;
    private final S3UploadProperties uploads;

    @Autowired
    public S3Destination(Clock clock, S3UploadProperties uploads) {
        this(clock, S3ClientFactory.standard(), DEFAULT_PART_BYTES, uploads);
    }

    S3Destination(Clock clock, S3ClientFactory clients, long partBytes, S3UploadProperties uploads) {
        this.clock = clock;
        this.clients = clients;
        this.partSizes = new PartSizes(partBytes);
        this.uploads = uploads;
    }

    @Override
    public DestinationType type() {
        return DestinationType.S3;
    }

    @Override
    public ExportOutcome write(DestinationRequest request, RecordBatchStream rows, ProgressListener progress) {
        S3Config config = S3Config.parse(request.config());
        S3Layout layout = S3Layout.of(config.prefix(), request.interval(), table(request));
        try (S3Client s3 = clients.create(config)) {
            return new IntervalWriter(s3, config, layout, request, partSizes, progress, clock, uploads).write(rows);
        }
    }

    /**
     * Lists the bucket under the prefix (credentials, bucket, region), writes a small test object
     * under the prefix as exports will (with the configured encryption), and deletes it again.
     */
    @Override
    public List<ConnectionStep> testConnection(Map<String, Object> config) {
        List<ConnectionStep> steps = new ArrayList<>();
        S3Config parsed;
        String prefix;
        try {
            parsed = S3Config.parse(config);
            Instant hour = clock.instant().truncatedTo(ChronoUnit.HOURS);
            prefix = S3Layout.join(S3Layout.render(parsed.prefix(), new DataInterval(hour.minus(Duration.ofHours(1)), hour), "events"));
        } catch (DestinationUserException e) {
            return failedFrom(steps, e.getMessage());
        }
        String key = S3Layout.join(prefix, ".sluice-connection-test-" + UUID.randomUUID());
        try (S3Client s3 = clients.create(parsed)) {
            try {
                s3.listObjectsV2(r -> r.bucket(parsed.bucket()).prefix(prefix.isEmpty() ? null : prefix + "/").maxKeys(1));
                steps.add(new ConnectionStep(CHECK, true, "The " + parsed.where() + " can be listed with these credentials."));
            } catch (SdkException e) {
                return failedFrom(steps, S3Errors.translate(e, parsed, "checking the bucket").getMessage());
            }
            try {
                s3.putObject(encrypted(PutObjectRequest.builder().bucket(parsed.bucket()).key(key).contentType("text/plain"), parsed).build(),
                        RequestBody.fromString("Sluice connection test\n", StandardCharsets.UTF_8));
                steps.add(new ConnectionStep(WRITE, true, "Wrote " + key + "."));
            } catch (SdkException e) {
                return failedFrom(steps, S3Errors.translate(e, parsed, "writing " + key).getMessage());
            }
            try {
                s3.deleteObject(r -> r.bucket(parsed.bucket()).key(key));
                steps.add(new ConnectionStep(DELETE, true, "Deleted " + key + "."));
            } catch (SdkException e) {
                steps.add(new ConnectionStep(DELETE, false, S3Errors.translate(e, parsed, "deleting " + key).getMessage()));
            }
        } catch (RuntimeException e) {
            return failedFrom(steps, "The S3 client could not be set up: " + e.getMessage());
        }
        return steps;
    }

    static PutObjectRequest.Builder encrypted(PutObjectRequest.Builder builder, S3Config config) {
        if (config.encryption() != null) {
            builder.serverSideEncryption(ServerSideEncryption.fromValue(config.encryption()));
            if (config.kmsKeyId() != null) {
                builder.ssekmsKeyId(config.kmsKeyId());
            }
        }
        return builder;
    }

    private static String table(DestinationRequest request) {
        return request.model() == null ? "events" : request.model().apiValue();
    }

    /** Fails the next step with {@code message} and marks the remaining ones as not run. */
    private static List<ConnectionStep> failedFrom(List<ConnectionStep> steps, String message) {
        steps.add(new ConnectionStep(STEP_NAMES.get(steps.size()), false, message));
        while (steps.size() < STEP_NAMES.size()) {
            steps.add(new ConnectionStep(STEP_NAMES.get(steps.size()), false, "Not run because an earlier step failed."));
        }
        return steps;
    }
}
