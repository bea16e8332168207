package dev.sluice.crypto;

import dev.sluice.common.SluiceProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CryptoConfiguration {

    @Bean
    KeyRing keyRing(SluiceProperties sluice, @Value("${SLUICE_ENCRYPTION_KEYS:${sluice.encryption-keys:}}") String keys) {
        if (!keys.isBlank()) {
            return KeyRingLoader.parse(keys);
        }
        return KeyRingLoader.fromFileCreatingIfMissing(sluice.dataDir().resolve("keys").resolve("sluice.keys"));
    }

    @Bean
    SecretCipher secretCipher(KeyRing keyRing) {
        return new SecretCipher(keyRing);
    }
}
