package dev.sluice.destination.snowflake;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens a JDBC connection to Snowflake for a config. The real one reaches
 * {@code https://<account>.snowflakecomputing.com}; tests point the same driver and properties at
 * a local HTTP server.
 */
@FunctionalInterface
interface SnowflakeConnector {

    /** Login and network timeouts, in seconds. */
    int LOGIN_TIMEOUT_SECONDS = 30;

    Connection open(SnowflakeConfig config) throws SQLException;

    static SnowflakeConnector toAccount() {
        return config -> DriverManager.getConnection("jdbc:snowflake://" + SnowflakeNames.host(config.account()) + "/", properties(config));
    }

    /**
     * The driver's connection properties: the user, a password or the parsed {@code PrivateKey}
     * object (never a key file or text), and the session's database, schema, warehouse and role.
     */
    static Properties properties(SnowflakeConfig config) {
        Properties props = new Properties();
        props.put("account", config.account().split("\\.")[0]);
        props.put("user", config.user());
        if (config.usesKeyPair()) {
            props.put("authenticator", "SNOWFLAKE_JWT");
            props.put("privateKey", PrivateKeys.parse(config.privateKey(), config.privateKeyPassphrase()));
        } else {
            props.put("password", config.password());
        }
        props.put("db", config.database());
        props.put("schema", config.schema());
        props.put("warehouse", config.warehouse());
        if (config.role() != null) {
            props.put("role", config.role());
        }
        props.put("loginTimeout", String.valueOf(LOGIN_TIMEOUT_SECONDS));
        props.put("application", "Sluice");
        return props;
    }
}
