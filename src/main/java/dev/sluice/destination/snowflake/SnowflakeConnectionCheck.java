package dev.sluice.destination.snowflake;

import dev.sluice.destination.ConnectionStep;
import dev.sluice.destination.DestinationUserException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The connection test of a Snowflake config, in four named steps; after the first failure the
 * remaining steps are reported as not run. It creates and drops a probe table, nothing lasting.
 */
final class SnowflakeConnectionCheck {

    static final String CONNECT = "Connect and authenticate";
    static final String WAREHOUSE = "Warehouse usable";
    static final String SCHEMA = "Database and schema exist";
    static final String CREATE_TABLE = "Can create a table in the schema";
    static final List<String> STEPS = List.of(CONNECT, WAREHOUSE, SCHEMA, CREATE_TABLE);

    private final SnowflakeConnector connector;

    SnowflakeConnectionCheck(SnowflakeConnector connector) {
        this.connector = connector;
    }

    List<ConnectionStep> run(Map<String, Object> raw) {
        List<ConnectionStep> steps = new ArrayList<>();
        SnowflakeConfig config;
        try {
            config = SnowflakeConfig.parse(raw);
        } catch (DestinationUserException e) {
            return failed(steps, e.getMessage());
        }
        try (Connection connection = connector.open(config)) {
            steps.add(new ConnectionStep(CONNECT, true, "Logged in to Snowflake account " + config.account() + " as user " + config.user()
                    + (config.usesKeyPair() ? " with the key pair" : "") + (config.role() == null ? "" : ", role " + config.role()) + "."));
            SnowflakeWriter.execute(connection, "USE WAREHOUSE " + SnowflakeNames.object(config.warehouse()));
            steps.add(new ConnectionStep(WAREHOUSE, true, "The warehouse " + config.warehouse() + " exists and the role may use it."));
            SnowflakeWriter.execute(connection, "USE SCHEMA " + SnowflakeNames.object(config.database()) + "." + SnowflakeNames.object(config.schema()));
            steps.add(new ConnectionStep(SCHEMA, true, "The schema " + config.database() + "." + config.schema() + " exists."));
            String probe = config.qualified(SnowflakeNames.column("sluice_connection_test_" + UUID.randomUUID().toString().substring(0, 8)));
            SnowflakeWriter.execute(connection, "CREATE TRANSIENT TABLE " + probe + " (\"id\" VARCHAR(36))");
            SnowflakeWriter.execute(connection, "DROP TABLE " + probe);
            steps.add(new ConnectionStep(CREATE_TABLE, true, "Created and dropped a table in " + config.database() + "." + config.schema()
                    + "; the table " + config.table() + " is created on the first run if it is missing."));
            return steps;
        } catch (SQLException e) {
            return failed(steps, SnowflakeErrors.translate(e, config).getMessage());
        } catch (DestinationUserException e) {
            return failed(steps, e.getMessage());
        }
    }

    private static List<ConnectionStep> failed(List<ConnectionStep> steps, String message) {
        steps.add(new ConnectionStep(STEPS.get(steps.size()), false, message));
        STEPS.subList(steps.size(), STEPS.size()).forEach(name -> steps.add(new ConnectionStep(name, false, "Not run because an earlier step failed.")));
        return steps;
    }
}
