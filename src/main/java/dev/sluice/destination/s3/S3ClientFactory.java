package dev.sluice.destination.s3;

import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Builds the S3 client for a config. With an {@code endpoint_url} the client addresses buckets
 * path-style and sends checksums only where the API requires them, which S3-compatible services
 * (MinIO, R2, GCS interoperability) accept.
 */
interface S3ClientFactory {

    S3Client create(S3Config config);

    /** The SDK's own retries (throttling, 5xx, connection errors) and per-attempt timeouts. */
    static S3ClientFactory standard() {
        return config -> configure(S3Client.builder(), config, List.of()).build();
    }

    /** @param interceptors observers of every request (tests use them to see what was sent) */
    static S3ClientBuilder configure(S3ClientBuilder builder, S3Config config, List<ExecutionInterceptor> interceptors) {
        builder.region(Region.of(config.region()))
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallAttemptTimeout(Duration.ofMinutes(2))
                        .apiCallTimeout(Duration.ofMinutes(10))
                        .executionInterceptors(interceptors)
                        .build());
        if (config.accessKeyId() != null) {
            builder.credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(config.accessKeyId(), config.secretAccessKey())));
        } else {
            builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        if (config.endpoint() != null) {
            builder.endpointOverride(config.endpoint())
                    .forcePathStyle(true)
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        return builder;
    }
}
