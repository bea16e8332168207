package dev.sluice.destination.postgres;

import dev.sluice.destination.DestinationUserException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A Postgres or Redshift destination config (keys of API.md): {@code host}, {@code port},
 * {@code database}, {@code schema} (default {@code public}), {@code table_name}, {@code user},
 * {@code password}, {@code has_self_signed_cert} and, for Redshift, {@code properties_data_type}
 * ({@code varchar} or {@code super}). {@link #toString()} leaves the password out.
 */
public record PostgresConfig(String host, int port, String database, String schema, String table, String user,
                             String password, boolean selfSignedCert, String propertiesDataType) {

    /** A host name, IPv4 address or bracketed IPv6 address: nothing that could add URL parameters. */
    static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,252})|\\[[0-9A-Fa-f:.]+]");

    public static PostgresConfig parse(Map<String, Object> config, String destination, int defaultPort) {
        String host = required(config, "host", destination);
        if (!HOST.matcher(host).matches()) {
            throw new DestinationUserException("The " + destination + " host '" + host + "' is not a host name or IP address.");
        }
        int port = port(config.get("port"), defaultPort, destination);
        String database = required(config, "database", destination);
        String schema = text(config.get("schema"), "public");
        String table = required(config, "table_name", destination);
        for (String name : new String[] {schema, table}) {
            if (!SqlIdentifiers.isPlain(name)) {
                throw new DestinationUserException("'" + name + "' is not a valid " + destination
                        + " schema or table name: use letters, digits, _ and $, starting with a letter or _, at most 63 characters.");
            }
        }
        String user = required(config, "user", destination);
        String password = text(config.get("password"), "");
        boolean selfSigned = Boolean.parseBoolean(text(config.get("has_self_signed_cert"), "false"));
        String dataType = text(config.get("properties_data_type"), "varchar").toLowerCase();
        if (!dataType.equals("varchar") && !dataType.equals("super")) {
            throw new DestinationUserException("The properties data type '" + dataType + "' is not one of varchar or super.");
        }
        return new PostgresConfig(host, port, database, schema, table, user, password, selfSigned, dataType);
    }

    private static String required(Map<String, Object> config, String key, String destination) {
        String value = text(config.get(key), "");
        if (value.isBlank()) {
            throw new DestinationUserException("The " + destination + " destination needs " + key + ".");
        }
        return value;
    }

    private static String text(Object value, String fallback) {
        return value == null || value.toString().isBlank() ? fallback : value.toString().trim();
    }

    private static int port(Object value, int fallback, String destination) {
        if (value == null || value.toString().isBlank()) {
            return fallback;
        }
        try {
            double number = value instanceof Number n ? n.doubleValue() : Double.parseDouble(value.toString());
            if (number == Math.rint(number) && number >= 1 && number <= 65535) {
                return (int) number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new DestinationUserException("The " + destination + " port must be a whole number from 1 to 65535, not '" + value + "'.");
    }

    @Override
    public String toString() {
        return "PostgresConfig[host=" + host + ", port=" + port + ", database=" + database + ", schema=" + schema + ", table=" + table
                + ", user=" + user + ", selfSignedCert=" + selfSignedCert + ", propertiesDataType=" + propertiesDataType + "]";
    }
}
