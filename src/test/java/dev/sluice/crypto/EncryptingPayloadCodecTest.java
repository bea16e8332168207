package dev.sluice.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EncryptingPayloadCodecTest {

    record Input(String exportId, String secret) {
    }

    private static String key(String id) {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        return id + ":" + Base64.getEncoder().encodeToString(raw);
    }

    private final String k1 = key("k1");
    private final DataConverter converter = converter(k1);

    private static DataConverter converter(String keys) {
        return new CodecDataConverter(DefaultDataConverter.newDefaultInstance(),
                List.of(new EncryptingPayloadCodec(new SecretCipher(KeyRing.parse(keys)))), true);
    }

    @Test
    void aPayloadIsStoredEncryptedWithItsKeyIdAndReadsBackWhole() {
        Input input = new Input("e-1", "hunter2-password");

        Payload payload = converter.toPayload(input).orElseThrow();

        assertThat(payload.getMetadataMap().get("encoding").toStringUtf8()).isEqualTo("binary/encrypted");
        assertThat(payload.getMetadataMap().get("encryption-key-id").toStringUtf8()).isEqualTo("k1");
        assertThat(new String(payload.toByteArray(), StandardCharsets.ISO_8859_1)).doesNotContain("hunter2", "e-1", "json/plain");
        assertThat(converter.fromPayload(payload, Input.class, Input.class)).isEqualTo(input);
    }

    @Test
    void aPlainPayloadFromBeforeEncryptionPassesThrough() {
        Payload plain = DefaultDataConverter.newDefaultInstance().toPayload(Map.of("export_id", "e-2")).orElseThrow();

        assertThat(converter.fromPayload(plain, Map.class, Map.class)).isEqualTo(Map.of("export_id", "e-2"));
    }

    @Test
    void payloadsWrittenUnderAnOldKeyStillReadAfterRotation() {
        Optional<Payload> old = converter.toPayload("interval 1");
        DataConverter rotated = converter(key("k2") + "," + k1);

        assertThat(rotated.fromPayload(old.orElseThrow(), String.class, String.class)).isEqualTo("interval 1");
        assertThat(rotated.toPayload("interval 2").orElseThrow().getMetadataMap().get("encryption-key-id").toStringUtf8())
                .isEqualTo("k2");
    }

    @Test
    void aPayloadUnderAnUnknownKeyFailsLoudly() {
        Payload payload = converter.toPayload("x").orElseThrow();
        DataConverter other = converter(key("k9"));

        assertThatThrownBy(() -> other.fromPayload(payload, String.class, String.class))
                .isInstanceOf(PayloadCodecException.class).hasMessageContaining("k1");
    }
}
