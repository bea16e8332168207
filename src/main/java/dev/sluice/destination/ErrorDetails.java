package dev.sluice.destination;

import java.util.Collection;

/** What destinations do with the text of a driver's or a server's error before it reaches a person. */
public final class ErrorDetails {

    /** Lines of a multi-line secret (a PEM key) at least this long are scrubbed one by one too. */
    private static final int MIN_SECRET_LINE = 8;

    private ErrorDetails() {
    }

    /**
     * {@code message} with every secret replaced by ***, and each line of a multi-line secret as
     * well (a library may quote a key line by line); "no details" when there is no message.
     */
    public static String scrub(String message, Collection<String> secrets) {
        if (message == null) {
            return "no details";
        }
        String scrubbed = message;
        for (String secret : secrets) {
            if (secret == null || secret.isEmpty()) {
                continue;
            }
            scrubbed = scrubbed.replace(secret, "***");
            for (String line : secret.split("\\R")) {
                if (line.strip().length() >= MIN_SECRET_LINE) {
                    scrubbed = scrubbed.replace(line.strip(), "***");
                }
            }
        }
        return scrubbed;
    }

    /** Whether {@code e} or one of its causes is a {@code type}. */
    public static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
