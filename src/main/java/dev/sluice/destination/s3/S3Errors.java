package dev.sluice.destination.s3;

import dev.sluice.destination.DestinationUserException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Sorts S3 errors into those a user must fix (missing bucket, denied access, unknown key id, wrong
 * secret, wrong region, refused encryption settings), reported as {@link DestinationUserException}
 * and never retried, and the rest (throttling, 5xx, timeouts, broken connections), which are
 * retried. Messages are sentences naming the bucket, never a credential.
 */
final class S3Errors {

    private static final Set<String> WRONG_REGION = Set.of("AuthorizationHeaderMalformed", "PermanentRedirect",
            "IllegalLocationConstraintException");
    private static final Set<String> ENCRYPTION = Set.of("KMS.NotFoundException", "KMS.DisabledException", "KMSInvalidKeyUsage",
            "InvalidEncryptionAlgorithmError", "KMS.KMSInvalidStateException", "InvalidArgument");

    private S3Errors() {
    }

    /** @param action what was being done, as a gerund phrase: "writing part-00000.jsonl" */
    static RuntimeException translate(SdkException e, S3Config config, String action) {
        if (e instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            int status = service.statusCode();
            String where = config.where();
            if ("NoSuchBucket".equals(code) || (code == null && status == 404 && action.startsWith("checking"))) {
                return new DestinationUserException("The " + where + " does not exist; create it or correct bucket_name.", e);
            }
            if ("InvalidAccessKeyId".equals(code)) {
                return new DestinationUserException("S3 does not know the AWS access key id of this destination; correct aws_access_key_id.", e);
            }
            if ("SignatureDoesNotMatch".equals(code)) {
                return new DestinationUserException("S3 rejected the request signature: the AWS secret access key does not belong to the"
                        + " access key id; correct aws_secret_access_key.", e);
            }
            if ("AccessDenied".equals(code) || "AllAccessDisabled".equals(code) || "AccountProblem".equals(code)
                    || (code == null && status == 403)) {
                return new DestinationUserException("Access to the " + where + " was denied while " + action
                        + "; grant these credentials s3:PutObject, s3:GetObject, s3:ListBucket, s3:DeleteObject and"
                        + " s3:AbortMultipartUpload on it.", e);
            }
            if ((code != null && WRONG_REGION.contains(code)) || status == 301) {
                return new DestinationUserException("The " + where + " answered from another region; correct region.", e);
            }
            if ("InvalidBucketName".equals(code)) {
                return new DestinationUserException("'" + config.bucket() + "' is not a valid S3 bucket name.", e);
            }
            if (code != null && ENCRYPTION.contains(code)) {
                return new DestinationUserException("S3 refused " + action + " with the encryption settings of this destination: "
                        + service.awsErrorDetails().errorMessage(), e);
            }
            return new S3RetryableException("S3 answered " + status + (code == null ? "" : " " + code) + " while " + action + " in the "
                    + where + ": " + (service.awsErrorDetails() == null ? service.getMessage() : service.awsErrorDetails().errorMessage()), e);
        }
        if (e instanceof SdkClientException) {
            return new S3RetryableException("Could not reach the " + config.where() + " while " + action + ": " + e.getMessage(), e);
        }
        return new S3RetryableException("S3 failed while " + action + " in the " + config.where() + ": " + e.getMessage(), e);
    }

    /** An S3 error worth another attempt. */
    static final class S3RetryableException extends RuntimeException {

        S3RetryableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
