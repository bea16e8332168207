package dev.sluice.destination.bigquery;

import java.util.regex.Pattern;

/**
 * BigQuery's naming rules for what a config or an export schema names, and the shape of a service
 * account key. Shared by the config validator (400s) and the destination (user errors).
 */
public final class BigQueryNames {

    /** 6–30 lower-case letters, digits and hyphens, optionally behind a legacy {@code domain:} prefix. */
    private static final Pattern PROJECT = Pattern.compile("(?:[a-z0-9][a-z0-9.-]*:)?[a-z][a-z0-9-]{4,28}[a-z0-9]");
    private static final Pattern DATASET = Pattern.compile("[A-Za-z0-9_]{1,1024}");
    /** Letters, marks, digits, connectors (_), dashes and spaces: no dots or backticks. */
    private static final Pattern TABLE = Pattern.compile("[\\p{L}\\p{M}\\p{N}\\p{Pc}\\p{Pd} ]{1,1024}");
    private static final Pattern COLUMN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,299}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern PKCS8_PEM = Pattern.compile(
            "\\s*-----BEGIN PRIVATE KEY-----[A-Za-z0-9+/=\\s]+-----END PRIVATE KEY-----\\s*");

    private BigQueryNames() {
    }

    public static boolean isProject(String id) {
        return id != null && PROJECT.matcher(id).matches();
    }

    public static boolean isDataset(String id) {
        return id != null && DATASET.matcher(id).matches();
    }

    public static boolean isTable(String id) {
        return id != null && TABLE.matcher(id).matches() && !id.isBlank();
    }

    static boolean isColumn(String name) {
        return name != null && COLUMN.matcher(name).matches();
    }

    public static boolean isEmail(String value) {
        return value != null && EMAIL.matcher(value.trim()).matches();
    }

    /**
     * A PKCS#8 PEM block as in a service account's JSON key file, also when its line breaks were
     * pasted as the two characters {@code \n}.
     */
    public static boolean isPrivateKeyPem(String value) {
        return value != null && PKCS8_PEM.matcher(unescapeNewlines(value)).matches();
    }

    static String unescapeNewlines(String pem) {
        return pem.replace("\\n", "\n");
    }
}
