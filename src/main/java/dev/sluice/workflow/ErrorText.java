package dev.sluice.workflow;

import java.util.Collection;

/** Turns an exception into a sentence fit for {@code latest_error} and the run log: no secrets, no stack traces. */
final class ErrorText {

    static final int MAX_LENGTH = 1000;
    private static final String REDACTED = "***";

    private ErrorText() {
    }

    static String of(Throwable error, Collection<String> secrets) {
        String message = error.getMessage();
        String text = message == null || message.isBlank() ? error.getClass().getSimpleName() : message;
        return clean(text, secrets);
    }

    /** The text as a sentence: ending in a full stop unless it already ends in punctuation. */
    static String sentence(String text) {
        return text.matches("(?s).*[.!?…]$") ? text : text + ".";
    }

    static String clean(String text, Collection<String> secrets) {
        String result = text;
        for (String secret : secrets) {
            if (secret.length() >= 3) {
                result = result.replace(secret, REDACTED);
            }
        }
        result = result.replaceAll("[\\p{Cntrl}&&[^\\n\\t]]", "").replaceAll("\\s+", " ").trim();
        if (result.length() > MAX_LENGTH) {
            result = result.substring(0, MAX_LENGTH - 1) + "…";
        }
        return result;
    }
}
