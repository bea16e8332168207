package dev.sluice.crypto;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKey;

/**
 * AES-256 keys by id. The first key is the active one and encrypts new writes; the others only
 * decrypt what they once encrypted, so keys can be rotated without downtime.
 */
public final class KeyRing {

    private final String activeKeyId;
    private final Map<String, SecretKey> keys;

    KeyRing(String activeKeyId, Map<String, SecretKey> keys) {
        if (!keys.containsKey(activeKeyId)) {
            throw new IllegalArgumentException("active key " + activeKeyId + " is not in the key ring");
        }
        this.activeKeyId = activeKeyId;
        this.keys = new LinkedHashMap<>(keys);
    }

    /** A ring written as {@code id:base64key[,id:base64key…]}, the first key active: the format of {@code SLUICE_ENCRYPTION_KEYS}. */
    public static KeyRing parse(String spec) {
        return KeyRingLoader.parse(spec);
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    SecretKey activeKey() {
        return keys.get(activeKeyId);
    }

    Optional<SecretKey> key(String keyId) {
        return Optional.ofNullable(keys.get(keyId));
    }
}
