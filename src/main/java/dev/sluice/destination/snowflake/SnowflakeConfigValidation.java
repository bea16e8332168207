package dev.sluice.destination.snowflake;

import dev.sluice.common.BadRequestException;
import dev.sluice.destination.DestinationUserException;
import java.util.List;
import java.util.Map;

/**
 * The Snowflake keys of a destination config checked before they are stored: a 400 naming
 * {@code destination.config.<key>} for an account that is not an account identifier, a name
 * Snowflake cannot take, not exactly one of {@code password} and {@code private_key}, or a
 * private key that cannot be read (or decrypted with its passphrase). Messages never repeat a secret.
 */
public final class SnowflakeConfigValidation {

    private static final List<String> OBJECT_NAMES = List.of("database", "schema", "warehouse", "role", "table_name");

    private SnowflakeConfigValidation() {
    }

    public static void validate(Map<String, Object> config) {
        String account = text(config.get("account"));
        if (account != null && !SnowflakeNames.isAccount(account)) {
            throw bad("account", "destination.config.account must be a Snowflake account identifier such as xy12345.eu-central-1"
                    + " or myorg-myaccount (without https:// and .snowflakecomputing.com).");
        }
        for (String key : OBJECT_NAMES) {
            String name = text(config.get(key));
            if (name != null && !SnowflakeNames.isObjectName(name)) {
                throw bad(key, "destination.config." + key + " must be a Snowflake name: letters, digits, _ and $ starting with a letter or _"
                        + " (used in upper case, as Snowflake does), or a name in double quotes, at most 255 characters.");
            }
        }
        String password = text(config.get("password"));
        String privateKey = text(config.get("private_key"));
        String passphrase = text(config.get("private_key_passphrase"));
        if (password != null && privateKey != null) {
            throw bad("private_key", "destination.config.private_key and destination.config.password exclude each other: give one of them.");
        }
        if (password == null && privateKey == null) {
            throw bad("password", "destination.config.password or destination.config.private_key is required for Snowflake.");
        }
        if (passphrase != null && privateKey == null) {
            throw bad("private_key_passphrase", "destination.config.private_key_passphrase is only used with destination.config.private_key.");
        }
        if (privateKey != null) {
            try {
                PrivateKeys.parse(privateKey, passphrase);
            } catch (DestinationUserException e) {
                String key = e.getMessage().contains("passphrase") ? "private_key_passphrase" : "private_key";
                throw bad(key, "destination.config." + key + " is not usable: " + e.getMessage());
            }
        }
    }

    private static BadRequestException bad(String key, String sentence) {
        return new BadRequestException("destination.config." + key, sentence);
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString().trim();
    }
}
