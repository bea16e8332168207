package dev.sluice.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class KeyRotationTest {

    private static String key(String id) {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        return id + ":" + Base64.getEncoder().encodeToString(raw);
    }

    private final String oldKey = key("k1");
    private final String newKey = key("k2");

    @Test
    void aNewActiveKeyEncryptsNewWritesWhileTheOldKeyStillDecrypts() {
        String written = new SecretCipher(KeyRing.parse(oldKey)).encrypt("warehouse-password");
        SecretCipher rotated = new SecretCipher(KeyRing.parse(newKey + "," + oldKey));

        String fresh = rotated.encrypt("new-password");

        assertThat(written).startsWith("v1:k1:");
        assertThat(fresh).startsWith("v1:k2:");
        assertThat(rotated.decrypt(written)).isEqualTo("warehouse-password");
        assertThat(rotated.decrypt(fresh)).isEqualTo("new-password");
        assertThat(rotated.needsReencryption(written)).isTrue();
        assertThat(rotated.needsReencryption(fresh)).isFalse();
    }

    @Test
    void afterReencryptionTheOldKeyCanBeRemoved() {
        String written = new SecretCipher(KeyRing.parse(oldKey)).encrypt("warehouse-password");
        String reencrypted = new SecretCipher(KeyRing.parse(newKey + "," + oldKey)).reencrypt(written);

        SecretCipher withoutOldKey = new SecretCipher(KeyRing.parse(newKey));

        assertThat(reencrypted).startsWith("v1:k2:").isNotEqualTo(written);
        assertThat(withoutOldKey.decrypt(reencrypted)).isEqualTo("warehouse-password");
        assertThatThrownBy(() -> withoutOldKey.decrypt(written)).hasMessageContaining("k1");
    }

    @Test
    void aCiphertextUnderTheActiveKeyIsLeftAsItIs() {
        SecretCipher cipher = new SecretCipher(KeyRing.parse(newKey + "," + oldKey));
        String current = cipher.encrypt("secret");

        assertThat(cipher.reencrypt(current)).isSameAs(current);
    }

    @Test
    void aTamperedCiphertextIsRefused() {
        SecretCipher cipher = new SecretCipher(KeyRing.parse(oldKey));
        String written = cipher.encrypt("secret");
        byte[] raw = Base64.getDecoder().decode(written.substring("v1:k1:".length()));
        raw[raw.length - 1] ^= 1;

        assertThatThrownBy(() -> cipher.decrypt("v1:k1:" + Base64.getEncoder().encodeToString(raw)))
                .hasMessageContaining("tampered");
    }
}
