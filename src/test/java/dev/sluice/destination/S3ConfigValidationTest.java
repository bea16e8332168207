package dev.sluice.destination;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.common.BadRequestException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class S3ConfigValidationTest {

    private final DestinationConfigValidator validator = new DestinationConfigValidator();

    @Test
    void aCompleteS3ConfigIsAccepted() {
        Map<String, Object> config = config();
        config.put("encryption", "aws:kms");
        config.put("kms_key_id", "arn:aws:kms:eu-west-1:123456789012:key/abc");
        config.put("endpoint_url", "https://minio.example.com:9000");

        assertThatCode(() -> validator.validate(DestinationType.S3, config)).doesNotThrowAnyException();
    }

    @Test
    void anUnknownEncryptionIsRefusedNamingTheKey() {
        Map<String, Object> config = config();
        config.put("encryption", "aes256");

        assertThatThrownBy(() -> validator.validate(DestinationType.S3, config)).isInstanceOf(BadRequestException.class)
                .hasFieldOrPropertyWithValue("attr", "destination.config.encryption")
                .hasMessage("destination.config.encryption must be null, AES256 or aws:kms.");
    }

    @Test
    void aKmsKeyWithoutKmsEncryptionIsRefused() {
        Map<String, Object> config = config();
        config.put("encryption", "AES256");
        config.put("kms_key_id", "key");

        assertThatThrownBy(() -> validator.validate(DestinationType.S3, config))
                .hasFieldOrPropertyWithValue("attr", "destination.config.kms_key_id");
    }

    @Test
    void anEndpointThatIsNotAnHttpUrlIsRefused() {
        for (String endpoint : new String[] {"minio.example.com", "ftp://minio.example.com", "http://", "https://host/?x=1", "http://a b"}) {
            Map<String, Object> config = config();
            config.put("endpoint_url", endpoint);

            assertThatThrownBy(() -> validator.validate(DestinationType.S3, config)).as(endpoint)
                    .hasFieldOrPropertyWithValue("attr", "destination.config.endpoint_url");
        }
    }

    @Test
    void bucketAndRegionAreRequired() {
        Map<String, Object> config = config();
        config.remove("region");

        assertThatThrownBy(() -> validator.validate(DestinationType.S3, config))
                .hasFieldOrPropertyWithValue("attr", "destination.config.region");
    }

    private static Map<String, Object> config() {
        Map<String, Object> config = new HashMap<>();
        config.put("bucket_name", "exports");
        config.put("region", "eu-west-1");
        return config;
    }
}
