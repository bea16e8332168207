package dev.sluice.e2e;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Unique secret values a test plants in configs, and a byte search for them in every form a leak
 * could take: UTF-8, UTF-16 (either byte order), hex, and base64 (standard and URL-safe, at each of
 * the three alignments a value can have inside a longer encoded text).
 */
final class PlantedSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** One way a secret may show: the field it was planted in, the encoding, and the bytes to look for. */
    private record Form(String secret, String encoding, String latin1) {
    }

    private final Map<String, String> values = new LinkedHashMap<>();
    private final List<Form> forms = new ArrayList<>();

    /** A new unique value for the named field, such as {@code Postgres password}. */
    String plant(String field) {
        byte[] random = new byte[18];
        RANDOM.nextBytes(random);
        String value = "planted-" + HexFormat.of().formatHex(random);
        add(field, value);
        return value;
    }

    /** A PEM private key around a new unique body; the body is what is searched for. */
    String plantPrivateKey(String field) {
        byte[] random = new byte[96];
        RANDOM.nextBytes(random);
        String body = Base64.getEncoder().encodeToString(random);
        add(field, body);
        return "-----BEGIN PRIVATE KEY-----\n" + body.substring(0, 64) + "\n" + body.substring(64) + "\n-----END PRIVATE KEY-----\n";
    }

    /** A secret whose value a test cannot choose (a real key, its passphrase), searched for like a planted one. */
    void known(String field, String value) {
        add(field, value);
    }

    Map<String, String> values() {
        return Map.copyOf(values);
    }

    /** Descriptions ({@code "Postgres password as UTF-16LE"}) of every form of every secret found in the bytes. */
    List<String> foundIn(byte[] bytes) {
        String haystack = new String(bytes, StandardCharsets.ISO_8859_1);
        return forms.stream().filter(f -> haystack.contains(f.latin1())).map(f -> f.secret() + " as " + f.encoding()).toList();
    }

    List<String> foundIn(String text) {
        return foundIn(text.getBytes(StandardCharsets.UTF_8));
    }

    private void add(String field, String value) {
        values.put(field, value);
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        form(field, "UTF-8", utf8);
        form(field, "UTF-16LE", value.getBytes(StandardCharsets.UTF_16LE));
        form(field, "UTF-16BE", value.getBytes(StandardCharsets.UTF_16BE));
        form(field, "hex", HexFormat.of().formatHex(utf8).getBytes(StandardCharsets.US_ASCII));
        for (int offset = 0; offset < 3; offset++) {
            form(field, "base64 at offset " + offset, alignedBase64(utf8, offset, Base64.getEncoder()));
            form(field, "base64url at offset " + offset, alignedBase64(utf8, offset, Base64.getUrlEncoder()));
        }
    }

    /**
     * The part of the base64 text of {@code offset} unknown bytes, the value and more unknown bytes
     * that depends on the value alone: whole 4-character groups of 3 value bytes.
     */
    private static byte[] alignedBase64(byte[] value, int offset, Base64.Encoder encoder) {
        int skip = (3 - offset) % 3;
        int whole = (value.length - skip) / 3 * 3;
        return encoder.withoutPadding().encode(Arrays.copyOfRange(value, skip, skip + whole));
    }

    private void form(String field, String encoding, byte[] bytes) {
        forms.add(new Form(field, encoding, new String(bytes, StandardCharsets.ISO_8859_1)));
    }
}
