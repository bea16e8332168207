package dev.sluice.destination.s3;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.destination.DestinationRequest;
import dev.sluice.destination.DestinationUserException;
import dev.sluice.destination.ExportCheckpoint;
import dev.sluice.destination.ExportOutcome;
import dev.sluice.destination.IntervalManifest;
import dev.sluice.destination.ProgressListener;
import dev.sluice.destination.s3.ObjectUpload.Uploaded;
import dev.sluice.destination.s3.S3Errors.S3RetryableException;
import dev.sluice.destination.s3.S3Progress.FinishedObject;
import dev.sluice.destination.s3.S3Progress.PendingUpload;
import dev.sluice.format.BatchWriter;
import dev.sluice.format.BatchWriters;
import dev.sluice.format.Compression;
import dev.sluice.format.FileFormat;
import dev.sluice.source.Cursor;
import dev.sluice.source.RecordBatchStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Writes one interval into the bucket; see {@link S3Destination} for the layout and guarantees. */
final class IntervalWriter {

    private static final Logger log = LoggerFactory.getLogger(IntervalWriter.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final S3Client s3;
    private final S3Config config;
    private final S3Layout layout;
    private final DestinationRequest request;
    private final PartSizes sizes;
    private final ProgressListener progress;
    private final Clock clock;
    private final S3UploadProperties uploadSettings;
    private final boolean rowFormat;

    private final List<FinishedObject> objects = new ArrayList<>();
    private PartUploads uploads;
    private ObjectUpload upload;
    private BatchWriter writer;
    private PartBuffer segment;
    private UploadingStream parquetStream;
    private Cursor lastCursor;
    private Cursor committedCursor;

    IntervalWriter(S3Client s3, S3Config config, S3Layout layout, DestinationRequest request, PartSizes sizes, ProgressListener progress,
                   Clock clock, S3UploadProperties uploadSettings) {
        this.s3 = s3;
        this.config = config;
        this.layout = layout;
        this.request = request;
        this.sizes = sizes;
        this.progress = progress;
        this.clock = clock;
        this.uploadSettings = uploadSettings;
        this.rowFormat = config.format() != FileFormat.PARQUET;
    }

    ExportOutcome write(RecordBatchStream rows) {
        deleteManifest();
        resume(request.resumeFrom());
        try (PartUploads started = new PartUploads(uploadSettings)) {
            uploads = started;
            while (rows.next()) {
                VectorSchemaRoot batch = rows.root();
                if (batch.getRowCount() == 0) {
                    continue;
                }
                if (upload == null) {
                    upload = ObjectUpload.start(s3, config, layout.partKey(objects.size(), config.extension()), contentType());
                }
                if (writer == null) {
                    openWriter(rows);
                }
                writer.write(batch);
                lastCursor = rows.cursor();
                long objectBytes = rowFormat ? upload.bytes() + writer.bytes() : writer.bytes();
                if (objectBytes >= config.maxFileBytes()) {
                    finishObject();
                } else if (rowFormat && writer.bytes() >= sizes.forPart(upload.nextPartNumber())) {
                    finishSegment();
                }
                if (upload != null) {
                    commitUploadedParts();
                }
            }
            if (upload != null) {
                finishObject();
            }
        } catch (IOException e) {
            abandon(e);
            throw new UncheckedIOException("Writing the interval's rows failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            abandon(e);
            throw e;
        }
        removeStaleObjects();
        writeManifest();
        return new ExportOutcome(objects.stream().mapToLong(FinishedObject::records).sum(),
                objects.stream().mapToLong(FinishedObject::bytes).sum());
    }

    private void openWriter(RecordBatchStream rows) throws IOException {
        if (rowFormat) {
            segment = new PartBuffer(sizes.initialCapacity());
            writer = upload.hasParts()
                    ? BatchWriters.openContinuation(config.format(), config.compression(), rows.schema(), segment)
                    : BatchWriters.open(config.format(), config.compression(), rows.schema(), segment);
        } else {
            parquetStream = new UploadingStream(upload, uploads, sizes, this::commitUploadedParts);
            writer = BatchWriters.open(config.format(), config.compression(), rows.schema(), parquetStream, config.maxFileBytes());
        }
    }

    /** Ends the row segment and hands it to the uploads as the next part; the writer goes on with a new segment. */
    private void finishSegment() throws IOException {
        writer.close();
        upload.upload(uploads, segment, writer.records(), lastCursor);
        writer = null;
        segment = null;
    }

    /** Checkpoints each part whose upload finished, in part order, with the cursor of its last row. */
    private void commitUploadedParts() {
        upload.takeUploaded(false).forEach(this::partUploaded);
    }

    private void partUploaded(Uploaded part) {
        if (part.through() != null) {
            committedCursor = part.through();
        }
        commit(part.part().number());
    }

    private void finishObject() throws IOException {
        long records;
        long bytes;
        if (rowFormat) {
            if (writer != null) {
                finishSegment();
            }
            records = upload.records();
            bytes = upload.bytes();
        } else {
            writer.close();
            parquetStream.finish();
            records = writer.records();
            bytes = writer.bytes();
            writer = null;
            parquetStream = null;
        }
        int lastPart = upload.nextPartNumber() - 1;
        for (Uploaded part : upload.takeUploaded(true)) {
            if (part.part().number() < lastPart) {
                partUploaded(part);
            }
        }
        upload.complete();
        objects.add(new FinishedObject(upload.key(), records, bytes));
        upload = null;
        committedCursor = lastCursor;
        commit(Integer.MAX_VALUE);
    }

    /** Heartbeats what is in the bucket: finished objects and, for row formats, the uploaded parts of the current one up to {@code throughPart}. */
    private void commit(int throughPart) {
        long records = objects.stream().mapToLong(FinishedObject::records).sum();
        long bytes = objects.stream().mapToLong(FinishedObject::bytes).sum();
        PendingUpload pending = upload == null ? null : upload.pendingThrough(throughPart);
        if (pending != null && rowFormat) {
            records += pending.records();
            bytes += pending.bytes();
        }
        try {
            String state = JSON.writeValueAsString(new S3Progress(List.copyOf(objects), pending));
            progress.committed(new ExportCheckpoint(committedCursor, objects.size(), records, bytes, Map.of(S3Destination.STATE_KEY, state)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("S3 progress is not serialisable", e);
        }
    }

    /** Takes over what a checkpoint says is in the bucket, or starts the interval over if it is not there any more. */
    private void resume(ExportCheckpoint from) {
        String state = from == null || from.state() == null ? null : from.state().get(S3Destination.STATE_KEY);
        if (state == null) {
            return;
        }
        S3Progress saved;
        try {
            saved = JSON.readValue(state, S3Progress.class);
        } catch (JsonProcessingException e) {
            throw startOver("The checkpoint's S3 progress is unreadable.");
        }
        committedCursor = from.cursor();
        lastCursor = from.cursor();
        for (FinishedObject object : saved.objects()) {
            if (!layout.isPartKey(object.key()) || !exists(object)) {
                throw startOver("The finished object " + object.key() + " is missing or changed, so the upload cannot continue.");
            }
            objects.add(object);
        }
        PendingUpload pending = saved.upload();
        if (pending == null) {
            return;
        }
        if (!rowFormat) {
            abortQuietly(pending.key(), pending.uploadId());
            return;
        }
        upload = ObjectUpload.resume(s3, config, pending);
        if (upload == null) {
            throw startOver("The multipart upload of " + pending.key() + " is gone or lacks parts, so it cannot be continued.");
        }
    }

    private boolean exists(FinishedObject object) {
        try {
            return s3.headObject(r -> r.bucket(config.bucket()).key(object.key())).contentLength() == object.bytes();
        } catch (NoSuchKeyException e) {
            return false;
        } catch (SdkException e) {
            if (e instanceof software.amazon.awssdk.services.s3.model.S3Exception s && s.statusCode() == 404) {
                return false;
            }
            throw S3Errors.translate(e, config, "checking " + object.key());
        }
    }

    /** Forgets the checkpoint, so the next attempt writes the interval from its start, and fails this one. */
    private RuntimeException startOver(String reason) {
        progress.committed(ExportCheckpoint.start());
        return new S3RetryableException(reason + " The interval will be written again from its start.", null);
    }

    /**
     * After a failure, once the part uploads have stopped: a row format's uploaded parts stay for the
     * next attempt to continue (its checkpoint names only parts whose uploads finished), unless
     * no attempt follows (a user error); a Parquet upload can never be continued, so it is aborted.
     */
    private void abandon(Exception cause) {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException | RuntimeException e) {
                cause.addSuppressed(e);
            }
        }
        if (upload != null && (!rowFormat || cause instanceof DestinationUserException)) {
            abortQuietly(upload.key(), upload.uploadId());
        }
    }

    private void abortQuietly(String key, String uploadId) {
        try {
            ObjectUpload.abort(s3, config.bucket(), key, uploadId);
        } catch (SdkException e) {
            log.warn("Could not abort the multipart upload of {}: {}", key, e.getMessage());
        }
    }

    private void deleteManifest() {
        try {
            s3.deleteObject(r -> r.bucket(config.bucket()).key(layout.manifestKey()));
        } catch (SdkException e) {
            throw S3Errors.translate(e, config, "removing the old " + layout.manifestKey());
        }
    }

    /** Deletes part objects this write did not produce and aborts uploads that crashed attempts left under the interval. */
    private void removeStaleObjects() {
        Set<String> keep = new HashSet<>();
        objects.forEach(o -> keep.add(o.key()));
        try {
            List<ObjectIdentifier> stale = new ArrayList<>();
            String token = null;
            do {
                String continuation = token;
                ListObjectsV2Response page = s3.listObjectsV2(r -> r.bucket(config.bucket()).prefix(layout.intervalPrefix())
                        .continuationToken(continuation));
                for (S3Object object : page.contents()) {
                    if (layout.isPartKey(object.key()) && !keep.contains(object.key())) {
                        stale.add(ObjectIdentifier.builder().key(object.key()).build());
                    }
                }
                token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
            } while (token != null);
            for (int i = 0; i < stale.size(); i += 1000) {
                List<ObjectIdentifier> chunk = stale.subList(i, Math.min(stale.size(), i + 1000));
                s3.deleteObjects(r -> r.bucket(config.bucket()).delete(d -> d.objects(chunk).quiet(true)));
            }
            ListMultipartUploadsResponse uploads = s3.listMultipartUploads(r -> r.bucket(config.bucket()).prefix(layout.intervalPrefix()));
            for (MultipartUpload leftover : uploads.uploads()) {
                abortQuietly(leftover.key(), leftover.uploadId());
            }
        } catch (SdkException e) {
            throw S3Errors.translate(e, config, "removing stale objects under " + layout.intervalPrefix());
        }
    }

    private void writeManifest() {
        IntervalManifest<FinishedObject> manifest = IntervalManifest.of(request, config.format().configValue(),
                config.compression().configValue(), objects, objects.stream().mapToLong(FinishedObject::records).sum(),
                objects.stream().mapToLong(FinishedObject::bytes).sum(), clock.instant());
        try {
            byte[] body = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest);
            s3.putObject(encrypted(PutObjectRequest.builder().bucket(config.bucket()).key(layout.manifestKey())
                    .contentType("application/json")).build(), RequestBody.fromBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("manifest is not serialisable", e);
        } catch (SdkException e) {
            throw S3Errors.translate(e, config, "writing " + layout.manifestKey());
        }
    }

    private PutObjectRequest.Builder encrypted(PutObjectRequest.Builder builder) {
        return S3Destination.encrypted(builder, config);
    }

    private String contentType() {
        if (config.format() == FileFormat.PARQUET) {
            return "application/vnd.apache.parquet";
        }
        if (config.compression() != Compression.NONE) {
            return "application/octet-stream";
        }
        return config.format() == FileFormat.CSV ? "text/csv; charset=utf-8" : "application/x-ndjson";
    }
}
