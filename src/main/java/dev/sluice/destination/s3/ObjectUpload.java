package dev.sluice.destination.s3;

import dev.sluice.destination.s3.S3Progress.PendingUpload;
import dev.sluice.destination.s3.S3Progress.UploadedPart;
import dev.sluice.source.Cursor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * One object written as a multipart upload: parts are uploaded as they fill, several at a time
 * ({@link PartUploads}), and the object appears (replacing one of the same key) only when the
 * upload completes. {@link #pendingThrough} lists only parts from the unbroken run, from the first,
 * whose uploads have finished, so a checkpoint never names a part that may not be in the bucket.
 */
final class ObjectUpload {

    /** A part handed to the uploads, with the cursor of its last row (null for parts without rows of their own). */
    private record Queued(Future<UploadedPart> result, Cursor through) {
    }

    /** A part in the bucket, with the cursor of its last row (null for parts without rows of their own). */
    record Uploaded(UploadedPart part, Cursor through) {
    }

    private final S3Client s3;
    private final S3Config config;
    private final String key;
    private final String uploadId;
    private final List<UploadedPart> parts;
    private final Deque<Queued> queued = new ArrayDeque<>();
    private int submittedParts;
    private long submittedBytes;
    private long submittedRecords;

    private ObjectUpload(S3Client s3, S3Config config, String key, String uploadId, List<UploadedPart> parts) {
        this.s3 = s3;
        this.config = config;
        this.key = key;
        this.uploadId = uploadId;
        this.parts = parts;
        this.submittedParts = parts.size();
        this.submittedBytes = parts.stream().mapToLong(UploadedPart::bytes).sum();
        this.submittedRecords = parts.stream().mapToLong(UploadedPart::records).sum();
    }

    static ObjectUpload start(S3Client s3, S3Config config, String key, String contentType) {
        try {
            CreateMultipartUploadRequest.Builder request = CreateMultipartUploadRequest.builder()
                    .bucket(config.bucket()).key(key).contentType(contentType);
            if (config.encryption() != null) {
                request.serverSideEncryption(ServerSideEncryption.fromValue(config.encryption()));
                if (config.kmsKeyId() != null) {
                    request.ssekmsKeyId(config.kmsKeyId());
                }
            }
            String uploadId = s3.createMultipartUpload(request.build()).uploadId();
            return new ObjectUpload(s3, config, key, uploadId, new ArrayList<>());
        } catch (SdkException e) {
            throw S3Errors.translate(e, config, "starting the upload of " + key);
        }
    }

    /**
     * Continues the upload of a checkpoint, or returns null when it cannot be continued: the upload
     * is gone (completed or aborted since) or lacks a part the checkpoint lists.
     */
    static ObjectUpload resume(S3Client s3, S3Config config, PendingUpload pending) {
        List<Part> stored = new ArrayList<>();
        try {
            ListPartsResponse page = null;
            do {
                Integer marker = page == null ? null : page.nextPartNumberMarker();
                page = s3.listParts(r -> r.bucket(config.bucket()).key(pending.key()).uploadId(pending.uploadId()).partNumberMarker(marker));
                stored.addAll(page.parts());
            } while (Boolean.TRUE.equals(page.isTruncated()));
        } catch (NoSuchUploadException e) {
            return null;
        } catch (SdkException e) {
            throw S3Errors.translate(e, config, "listing the uploaded parts of " + pending.key());
        }
        for (UploadedPart part : pending.parts()) {
            boolean present = stored.stream().anyMatch(p -> p.partNumber() == part.number() && sameEtag(p.eTag(), part.etag()));
            if (!present) {
                return null;
            }
        }
        return new ObjectUpload(s3, config, pending.key(), pending.uploadId(), new ArrayList<>(pending.parts()));
    }

    String key() {
        return key;
    }

    String uploadId() {
        return uploadId;
    }

    /** Whether a part was handed to the uploads, uploaded or not. */
    boolean hasParts() {
        return submittedParts > 0;
    }

    int nextPartNumber() {
        return submittedParts + 1;
    }

    /** The bytes of the parts handed to the uploads. */
    long bytes() {
        return submittedBytes;
    }

    /** The rows of the parts handed to the uploads. */
    long records() {
        return submittedRecords;
    }

    /**
     * The upload with its parts up to and including part {@code number}: what a checkpoint whose
     * cursor is that part's last row may name. Later parts may be uploaded already, but the
     * cursor has not passed their rows, so a resume must upload them again.
     */
    PendingUpload pendingThrough(int number) {
        return new PendingUpload(key, uploadId, parts.stream().filter(p -> p.number() <= number).toList());
    }

    /**
     * Hands {@code buffer} to the uploads as the next part; {@code records} are the rows whose bytes
     * it completes and {@code through} the cursor of the last of them. Waits while too many parts are
     * outstanding.
     */
    void upload(PartUploads uploads, PartBuffer buffer, long records, Cursor through) {
        int number = nextPartNumber();
        queued.add(new Queued(uploads.submit(() -> uploadPart(number, buffer, records)), through));
        submittedParts++;
        submittedBytes += buffer.size();
        submittedRecords += records;
    }

    private UploadedPart uploadPart(int number, PartBuffer buffer, long records) {
        try {
            UploadPartResponse response = s3.uploadPart(r -> r.bucket(config.bucket()).key(key).uploadId(uploadId).partNumber(number)
                    .contentLength((long) buffer.size()), buffer.body());
            return new UploadedPart(number, response.eTag(), buffer.size(), records);
        } catch (SdkException e) {
            throw S3Errors.translate(e, config, "uploading part " + number + " of " + key);
        }
    }

    /**
     * The parts, in order, whose uploads finished since the last call and follow the parts uploaded
     * before; with {@code waitForAll} after waiting for every part handed over. Throws the failure of
     * any part that failed.
     */
    List<Uploaded> takeUploaded(boolean waitForAll) {
        if (!waitForAll) {
            for (Queued part : queued) {
                if (part.result().isDone()) {
                    result(part);
                }
            }
        }
        List<Uploaded> uploaded = new ArrayList<>();
        while (!queued.isEmpty() && (waitForAll || queued.peekFirst().result().isDone())) {
            Queued part = queued.pollFirst();
            UploadedPart done = result(part);
            parts.add(done);
            uploaded.add(new Uploaded(done, part.through()));
        }
        return uploaded;
    }

    private static UploadedPart result(Queued part) {
        try {
            return part.result().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("A part upload failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a part upload", e);
        }
    }

    /** Completes the object from its parts; every part handed over must have been taken as uploaded. */
    void complete() {
        if (!queued.isEmpty()) {
            throw new IllegalStateException("Completing " + key + " while parts are still uploading");
        }
        List<CompletedPart> completed = parts.stream().sorted(Comparator.comparingInt(UploadedPart::number))
                .map(p -> CompletedPart.builder().partNumber(p.number()).eTag(p.etag()).build()).toList();
        try {
            s3.completeMultipartUpload(CompleteMultipartUploadRequest.builder().bucket(config.bucket()).key(key).uploadId(uploadId)
                    .multipartUpload(u -> u.parts(completed)).build());
        } catch (SdkException e) {
            throw S3Errors.translate(e, config, "completing the upload of " + key);
        }
    }

    /** Aborts an upload that will not be completed; failing to is only logged by the caller. */
    static void abort(S3Client s3, String bucket, String key, String uploadId) {
        s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId));
    }

    private static boolean sameEtag(String a, String b) {
        return a != null && b != null && a.replace("\"", "").equals(b.replace("\"", ""));
    }
}
