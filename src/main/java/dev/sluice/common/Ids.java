package dev.sluice.common;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;

/** Identifiers and random tokens. */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static UUID newId() {
        return UUID.randomUUID();
    }

    /** A random token with a readable prefix, e.g. {@code phc_…} for capture keys. */
    public static String token(String prefix, int bytes) {
        byte[] buf = new byte[bytes];
        RANDOM.nextBytes(buf);
        return prefix + HexFormat.of().formatHex(buf);
    }
}
