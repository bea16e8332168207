package dev.sluice.destination.postgres;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.postgresql.PGProperty;

/**
 * Opens connections to a Postgres (or Redshift) destination with pgjdbc.
 *
 * <p><b>TLS.</b> With {@code has_self_signed_cert} the connection must be encrypted
 * ({@code sslmode=require}) but the certificate is not checked, since a self-signed one cannot be.
 * Without it Sluice uses TLS whenever the server offers it ({@code sslmode=prefer}) with Java's
 * default SSL factory, so the certificate chain must be trusted by the JVM's trust store; a server
 * without TLS (like a local development database) is reached in plain text.
 */
public final class PostgresConnections {

    static final int CONNECT_TIMEOUT_SECONDS = 10;

    private PostgresConnections() {
    }

    public static Connection open(PostgresConfig config) throws SQLException {
        return DriverManager.getConnection(url(config), properties(config));
    }

    static String url(PostgresConfig config) {
        return "jdbc:postgresql://" + config.host() + ":" + config.port() + "/"
                + URLEncoder.encode(config.database(), StandardCharsets.UTF_8).replace("+", "%20");
    }

    static Properties properties(PostgresConfig config) {
        Properties props = new Properties();
        PGProperty.USER.set(props, config.user());
        PGProperty.PASSWORD.set(props, config.password());
        PGProperty.APPLICATION_NAME.set(props, "Sluice");
        PGProperty.CONNECT_TIMEOUT.set(props, CONNECT_TIMEOUT_SECONDS);
        PGProperty.LOGIN_TIMEOUT.set(props, CONNECT_TIMEOUT_SECONDS * 2);
        PGProperty.TCP_KEEP_ALIVE.set(props, true);
        if (config.selfSignedCert()) {
            PGProperty.SSL_MODE.set(props, "require");
            PGProperty.SSL_FACTORY.set(props, "org.postgresql.ssl.NonValidatingFactory");
        } else {
            PGProperty.SSL_MODE.set(props, "prefer");
            PGProperty.SSL_FACTORY.set(props, "org.postgresql.ssl.DefaultJavaSSLFactory");
        }
        return props;
    }
}
