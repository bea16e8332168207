package dev.sluice.destination.s3;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What an attempt has committed in the bucket, carried as JSON in the checkpoint's state: the
 * finished objects and the multipart upload of the object being written, with its uploaded parts.
 * Upload ids and ETags are not secrets.
 */
record S3Progress(@JsonProperty("objects") List<FinishedObject> objects, @JsonProperty("upload") PendingUpload upload) {

    /** A completed object: its key, rows and bytes. */
    record FinishedObject(@JsonProperty("key") String key, @JsonProperty("records") long records, @JsonProperty("bytes") long bytes) {
    }

    /** An object's multipart upload in progress. */
    record PendingUpload(@JsonProperty("key") String key, @JsonProperty("upload_id") String uploadId,
                         @JsonProperty("parts") List<UploadedPart> parts) {

        long records() {
            return parts.stream().mapToLong(UploadedPart::records).sum();
        }

        long bytes() {
            return parts.stream().mapToLong(UploadedPart::bytes).sum();
        }
    }

    /** One uploaded part: its number, ETag, bytes and the rows whose bytes it holds. */
    record UploadedPart(@JsonProperty("number") int number, @JsonProperty("etag") String etag, @JsonProperty("bytes") long bytes,
                        @JsonProperty("records") long records) {
    }
}
