package dev.sluice.crypto;

import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The data converter the Temporal starter hands to the client, the schedule client and every worker:
 * Temporal's default JSON conversion, then {@link EncryptingPayloadCodec}. Failure messages and stack
 * traces are moved into encrypted attributes too, so the server stores no plaintext at all.
 */
@Configuration(proxyBeanMethods = false)
class TemporalPayloadEncryption {

    @Bean
    DataConverter mainDataConverter(SecretCipher cipher) {
        return new CodecDataConverter(DefaultDataConverter.newDefaultInstance(), List.of(new EncryptingPayloadCodec(cipher)), true);
    }
}
