package dev.sluice.destination.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.destination.DestinationUserException;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The classification of errors S3 answers with (as the SDK reports them after its own retries). */
class S3ErrorsTest {

    private static final S3Config CONFIG = S3Config.parse(Map.of("bucket_name", "exports", "region", "eu-west-1",
            "aws_access_key_id", "AKIA0000", "aws_secret_access_key", "top-secret-value"));

    @Test
    void credentialAndBucketErrorsAreUserErrorsWithSentences() {
        assertThat(translate(404, "NoSuchBucket")).isInstanceOf(DestinationUserException.class)
                .hasMessage("The bucket 'exports' in region eu-west-1 does not exist; create it or correct bucket_name.");
        assertThat(translate(403, "AccessDenied")).isInstanceOf(DestinationUserException.class).hasMessageStartingWith(
                "Access to the bucket 'exports' in region eu-west-1 was denied while writing part-00000.jsonl");
        assertThat(translate(403, "InvalidAccessKeyId")).isInstanceOf(DestinationUserException.class);
        assertThat(translate(403, "SignatureDoesNotMatch")).isInstanceOf(DestinationUserException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("top-secret-value"));
        assertThat(translate(400, "AuthorizationHeaderMalformed")).isInstanceOf(DestinationUserException.class)
                .hasMessageContaining("correct region");
        assertThat(translate(400, "KMS.NotFoundException")).isInstanceOf(DestinationUserException.class);
    }

    @Test
    void throttlingServerErrorsAndTimeoutsAreRetried() {
        assertThat(translate(503, "SlowDown")).isNotInstanceOf(DestinationUserException.class)
                .hasMessageStartingWith("S3 answered 503 SlowDown while writing part-00000.jsonl in the bucket 'exports'");
        assertThat(translate(500, "InternalError")).isNotInstanceOf(DestinationUserException.class);
        assertThat(translate(400, "RequestTimeout")).isNotInstanceOf(DestinationUserException.class);
        RuntimeException reset = S3Errors.translate(SdkClientException.create("Unable to execute HTTP request: Connection reset",
                new IOException("Connection reset")), CONFIG, "writing part-00000.jsonl");
        assertThat(reset).isNotInstanceOf(DestinationUserException.class)
                .hasMessage("Could not reach the bucket 'exports' in region eu-west-1 while writing part-00000.jsonl:"
                        + " Unable to execute HTTP request: Connection reset");
    }

    private static RuntimeException translate(int status, String code) {
        S3Exception e = (S3Exception) S3Exception.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code + " happened").build()).build();
        return S3Errors.translate(e, CONFIG, "writing part-00000.jsonl");
    }
}
