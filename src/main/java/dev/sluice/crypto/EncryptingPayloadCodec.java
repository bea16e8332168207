package dev.sluice.crypto;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Encrypts every Temporal payload with AES-256-GCM under the key ring: the whole original payload
 * (metadata and data) is sealed, and the result carries {@value #ENCODING} and the key id in its
 * metadata. Decoding opens only payloads with that marker and passes every other one through, so
 * histories written before encryption was switched on still read.
 */
final class EncryptingPayloadCodec implements PayloadCodec {

    static final String ENCODING = "binary/encrypted";
    static final String KEY_ID = "encryption-key-id";
    private static final String ENCODING_KEY = "encoding";

    private final SecretCipher cipher;

    EncryptingPayloadCodec(SecretCipher cipher) {
        this.cipher = cipher;
    }

    @Override
    public List<Payload> encode(List<Payload> payloads) {
        return payloads.stream().map(this::encrypt).toList();
    }

    @Override
    public List<Payload> decode(List<Payload> payloads) {
        return payloads.stream().map(this::decrypt).toList();
    }

    private Payload encrypt(Payload payload) {
        SecretCipher.Sealed sealed = cipher.seal(payload.toByteArray());
        return Payload.newBuilder()
                .putMetadata(ENCODING_KEY, ByteString.copyFrom(ENCODING, StandardCharsets.UTF_8))
                .putMetadata(KEY_ID, ByteString.copyFrom(sealed.keyId(), StandardCharsets.UTF_8))
                .setData(ByteString.copyFrom(sealed.bytes()))
                .build();
    }

    private Payload decrypt(Payload payload) {
        ByteString encoding = payload.getMetadataMap().get(ENCODING_KEY);
        if (encoding == null || !encoding.toStringUtf8().equals(ENCODING)) {
            return payload;
        }
        ByteString keyId = payload.getMetadataMap().get(KEY_ID);
        if (keyId == null) {
            throw new PayloadCodecException("An encrypted payload carries no key id.");
        }
        try {
            return Payload.parseFrom(cipher.open(new SecretCipher.Sealed(keyId.toStringUtf8(), payload.getData().toByteArray())));
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            throw new PayloadCodecException("An encrypted payload could not be decrypted with key " + keyId.toStringUtf8() + ".", e);
        }
    }
}
