package dev.sluice.destination.s3;

import dev.sluice.destination.s3.S3Progress.PendingUpload;
import dev.sluice.destination.s3.S3Progress.UploadedPart;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
 * One object written as a multipart upload: parts are uploaded as they fill, and the object
 * appears (replacing one of the same key) only when the upload completes.
 */
final class ObjectUpload {

    private final S3Client s3;
    private final S3Config config;
    private final String key;
    private final String uploadId;
    private final List<UploadedPart> parts;

    private ObjectUpload(S3Client s3, S3Config config, String key, String uploadId, List<UploadedPart> parts) {
        this.s3 = s3;
        this.config = config;
        this.key = key;
        this.uploadId = uploadId;
        this.parts = parts;
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

    boolean hasParts() {
        return !parts.isEmpty();
    }

    int nextPartNumber() {
        return parts.size() + 1;
    }

    long bytes() {
        return parts.stream().mapToLong(UploadedPart::bytes).sum();
    }

    long records() {
        return parts.stream().mapToLong(UploadedPart::records).sum();
    }

    PendingUpload pending() {
        return new PendingUpload(key, uploadId, List.copyOf(parts));
    }

    /** Uploads {@code buffer} as the next part; {@code records} are the rows whose bytes it completes. */
    void upload(PartBuffer buffer, long records) {
        int number = nextPartNumber();
        try {
            UploadPartResponse response = s3.uploadPart(r -> r.bucket(config.bucket()).key(key).uploadId(uploadId).partNumber(number)
                    .contentLength((long) buffer.size()), buffer.body());
            parts.add(new UploadedPart(number, response.eTag(), buffer.size(), records));
        } catch (SdkException e) {
            throw S3Errors.translate(e, config, "uploading part " + number + " of " + key);
        }
    }

    void complete() {
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
