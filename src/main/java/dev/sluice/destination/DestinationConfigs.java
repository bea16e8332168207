package dev.sluice.destination;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.crypto.SecretCipher;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Encrypts destination configs on their way into the database and decrypts them inside the worker,
 * and strips secret keys for anything shown to a person.
 */
@Component
public class DestinationConfigs {

    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    /**
     * Snowflake logs in with a password or with a key pair: a newly given one replaces the stored
     * other, so an export can switch between them although omitted secrets are otherwise kept.
     */
    private static final Map<String, List<String>> SNOWFLAKE_LOGINS = Map.of(
            "password", List.of("private_key", "private_key_passphrase"),
            "private_key", List.of("password", "private_key_passphrase"));

    private final SecretCipher cipher;
    private final ObjectMapper json;

    public DestinationConfigs(SecretCipher cipher, ObjectMapper json) {
        this.cipher = cipher;
        this.json = json;
    }

    public String encrypt(Map<String, Object> config) {
        try {
            return cipher.encrypt(json.writeValueAsString(config));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("destination config is not serialisable as JSON", e);
        }
    }

    public Map<String, Object> decrypt(ExportDestination destination) {
        try {
            return json.readValue(cipher.decrypt(destination.getConfigEncrypted()), MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored destination config of " + destination.getId() + " is not JSON", e);
        }
    }

    /** The config without its secret keys: what the API and UI may show. */
    public Map<String, Object> redacted(ExportDestination destination) {
        Map<String, Object> config = decrypt(destination);
        config.keySet().removeAll(destination.getType().secretKeys());
        return config;
    }

    /**
     * Applies a partial update: keys present in {@code changes} replace stored values; a secret key
     * that is omitted (or sent as null) keeps its stored value.
     */
    public Map<String, Object> merge(ExportDestination destination, DestinationType newType, Map<String, Object> changes) {
        Map<String, Object> merged = new LinkedHashMap<>();
        if (destination.getType() == newType) {
            merged.putAll(decrypt(destination));
        }
        if (newType == DestinationType.SNOWFLAKE) {
            SNOWFLAKE_LOGINS.forEach((given, replaced) -> {
                if (changes.get(given) != null) {
                    merged.keySet().removeAll(replaced);
                }
            });
        }
        changes.forEach((key, value) -> {
            if (value == null && newType.secretKeys().contains(key)) {
                return;
            }
            merged.put(key, value);
        });
        return merged;
    }
}
