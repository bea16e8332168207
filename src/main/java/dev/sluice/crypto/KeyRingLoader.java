package dev.sluice.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Reads keys written as {@code id:base64key[,id:base64key…]} (first = active), from
 * {@code SLUICE_ENCRYPTION_KEYS} or from a key file generated once under the data dir.
 */
final class KeyRingLoader {

    private KeyRingLoader() {
    }

    static KeyRing parse(String spec) {
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        String active = null;
        for (String entry : spec.split(",")) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int colon = trimmed.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("encryption keys must look like id:base64key[,id:base64key]");
            }
            String id = trimmed.substring(0, colon);
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(trimmed.substring(colon + 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("encryption key " + id + " is not valid base64");
            }
            if (raw.length != 32) {
                throw new IllegalArgumentException("encryption key " + id + " must be 32 bytes (AES-256), got " + raw.length);
            }
            keys.put(id, new SecretKeySpec(raw, "AES"));
            if (active == null) {
                active = id;
            }
        }
        if (active == null) {
            throw new IllegalArgumentException("no encryption key given");
        }
        return new KeyRing(active, keys);
    }

    static KeyRing fromFileCreatingIfMissing(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] raw = new byte[32];
                new SecureRandom().nextBytes(raw);
                String line = "k1:" + Base64.getEncoder().encodeToString(raw) + "\n";
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            }
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the key file " + file, e);
        }
    }
}
