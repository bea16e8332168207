package dev.sluice.destination.snowflake;

import dev.sluice.destination.DestinationUserException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A Snowflake destination config (keys of API.md): {@code account}, {@code user}, either
 * {@code password} or {@code private_key} (a PEM PKCS#8 RSA key, encrypted when
 * {@code private_key_passphrase} is given), {@code database}, {@code schema}, {@code warehouse},
 * {@code role} (optional: the user's default role) and {@code table_name}. {@link #toString()} and
 * every message built from it leave the secrets out.
 */
record SnowflakeConfig(String account, String user, String password, String privateKey, String privateKeyPassphrase,
                       String database, String schema, String warehouse, String role, String table) {

    static SnowflakeConfig parse(Map<String, Object> config) {
        String account = required(config, "account");
        if (!SnowflakeNames.isAccount(account)) {
            throw new DestinationUserException("The Snowflake account '" + account
                    + "' is not an account identifier such as xy12345.eu-central-1 or myorg-myaccount.");
        }
        String password = secret(config.get("password"));
        String privateKey = text(config.get("private_key"));
        if ((password == null) == (privateKey == null)) {
            throw new DestinationUserException("A Snowflake destination needs exactly one of password or private_key.");
        }
        SnowflakeConfig parsed = new SnowflakeConfig(SnowflakeNames.account(account), required(config, "user"), password, privateKey,
                secret(config.get("private_key_passphrase")), required(config, "database"), required(config, "schema"),
                required(config, "warehouse"), text(config.get("role")), required(config, "table_name"));
        for (String[] named : parsed.objectNames()) {
            if (named[1] != null && !SnowflakeNames.isObjectName(named[1])) {
                throw new DestinationUserException("The Snowflake " + named[0] + " '" + named[1] + "' is not a valid name: use letters, digits,"
                        + " _ and $ starting with a letter or _, or put the name in double quotes.");
            }
        }
        return parsed;
    }

    private List<String[]> objectNames() {
        return List.of(new String[] {"database", database}, new String[] {"schema", schema}, new String[] {"warehouse", warehouse},
                new String[] {"role", role}, new String[] {"table", table});
    }

    boolean usesKeyPair() {
        return privateKey != null;
    }

    /** The secrets in this config, for scrubbing them out of driver messages. */
    List<String> secrets() {
        return Stream.of(password, privateKey, privateKeyPassphrase).filter(Objects::nonNull).toList();
    }

    /** The target table, {@code "DB"."SCHEMA"."TABLE"}. */
    String target() {
        return qualified(table);
    }

    /** A table of the configured schema, {@code "DB"."SCHEMA".<name>}; {@code quotedName} is already quoted. */
    String qualified(String configuredOrQuotedName) {
        String name = configuredOrQuotedName.startsWith("\"") ? configuredOrQuotedName : SnowflakeNames.object(configuredOrQuotedName);
        return SnowflakeNames.object(database) + "." + SnowflakeNames.object(schema) + "." + name;
    }

    /** {@code database.schema.table} as a person reads it. */
    String describeTable() {
        return database + "." + schema + "." + table;
    }

    private static String required(Map<String, Object> config, String key) {
        String value = text(config.get(key));
        if (value == null) {
            throw new DestinationUserException("The Snowflake destination needs " + key + ".");
        }
        return value;
    }

    /** A secret as given (a password may start or end with spaces), or null when blank. */
    private static String secret(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString();
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString().trim();
    }

    @Override
    public String toString() {
        return "SnowflakeConfig[account=" + account + ", user=" + user + ", auth=" + (usesKeyPair() ? "key pair" : "password")
                + ", database=" + database + ", schema=" + schema + ", warehouse=" + warehouse + ", role=" + role + ", table=" + table + "]";
    }
}
