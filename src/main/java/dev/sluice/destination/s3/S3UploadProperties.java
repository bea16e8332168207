package dev.sluice.destination.s3;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How one S3 export uploads its parts while the writer fills the next one.
 *
 * @param uploadConcurrency parts of one object uploaded at the same time
 * @param maxBufferedParts  filled parts held in memory, waiting or uploading; the writer waits when
 *                          this many are outstanding, so an export holds at most this many parts
 *                          plus the one it is filling (each part is 8 MiB, more after 1,000 parts)
 */
@ConfigurationProperties("sluice.s3")
public record S3UploadProperties(@DefaultValue("2") int uploadConcurrency, @DefaultValue("3") int maxBufferedParts) {

    public S3UploadProperties {
        if (uploadConcurrency < 1) {
            throw new IllegalArgumentException("sluice.s3.upload-concurrency must be at least 1, not " + uploadConcurrency);
        }
        if (maxBufferedParts < uploadConcurrency) {
            throw new IllegalArgumentException("sluice.s3.max-buffered-parts (" + maxBufferedParts
                    + ") must be at least sluice.s3.upload-concurrency (" + uploadConcurrency + ")");
        }
    }

    static S3UploadProperties defaults() {
        return new S3UploadProperties(2, 3);
    }
}
