package dev.sluice.destination.snowflake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.destination.DestinationUserException;
import dev.sluice.destination.ErrorDetails;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnowflakeErrorsTest {

    private static final SnowflakeConfig PASSWORD_CONFIG = SnowflakeConfig.parse(SnowflakeDriverContractTest.config());

    private static RuntimeException translate(int code, String state, String message) {
        return SnowflakeErrors.translate(new SQLException(message, state, code), PASSWORD_CONFIG);
    }

    @Test
    void loginAndObjectAndPrivilegeErrorsAreUserErrors() {
        assertThat(translate(390100, "08004", "Incorrect username or password was specified.")).isInstanceOf(DestinationUserException.class)
                .hasMessageContaining("check the user name and password");
        assertThat(translate(390144, "08004", "JWT token is invalid.")).isInstanceOf(DestinationUserException.class)
                .hasMessageContaining("RSA_PUBLIC_KEY");
        assertThat(translate(390189, "08004", "Role 'X' specified in the connect string does not exist or not authorized."))
                .isInstanceOf(DestinationUserException.class).hasMessageStartingWith("The role 'loader' does not exist");
        assertThat(translate(2003, "02000", "Database 'ANALYTICS' does not exist or not authorized.")).isInstanceOf(DestinationUserException.class);
        assertThat(translate(3001, "42501", "Insufficient privileges to operate on schema 'PUBLIC'")).isInstanceOf(DestinationUserException.class)
                .hasMessageContaining("CREATE TABLE in the schema");
        assertThat(translate(606, "57P03", "No active warehouse selected in the current session.")).isInstanceOf(DestinationUserException.class)
                .hasMessageStartingWith("The warehouse 'loading' does not exist or the role cannot use it");
        assertThat(translate(100038, "22018", "Numeric value 'abc' is not recognized")).isInstanceOf(DestinationUserException.class)
                .hasMessageContaining("cannot take the export's rows");
    }

    @Test
    void anAccountWhoseHostDoesNotExistIsAUserError() {
        SQLException e = new SQLException("JDBC driver encountered communication error", "08001", 200015,
                new UnknownHostException("nope.snowflakecomputing.com"));

        assertThat(SnowflakeErrors.translate(e, PASSWORD_CONFIG)).isInstanceOf(DestinationUserException.class)
                .hasMessageStartingWith("The Snowflake account 'acme.eu-central-1' could not be found");
    }

    @Test
    void networkServerAndThrottlingErrorsAreRetryable() {
        assertThat(translate(200015, "08001", "JDBC driver encountered communication error. Message: HTTP status=503."))
                .isInstanceOf(IllegalStateException.class).isNotInstanceOf(DestinationUserException.class);
        assertThat(translate(200015, "08001", "JDBC driver encountered communication error. Message: HTTP status=429."))
                .isNotInstanceOf(DestinationUserException.class);
        assertThat(translate(200015, "08001", "JDBC driver encountered communication error. Message: HTTP status=404."))
                .isInstanceOf(DestinationUserException.class).hasMessageContaining("check the account identifier");
        assertThat(translate(604, "57014", "SQL execution canceled")).isNotInstanceOf(DestinationUserException.class);
        assertThat(translate(625, "57014", "Statement reached its statement or warehouse timeout")).isNotInstanceOf(DestinationUserException.class);
    }

    @Test
    void everySecretAndEachLineOfAPrivateKeyIsScrubbedFromDriverText() {
        Map<String, Object> raw = SnowflakeDriverContractTest.config();
        raw.remove("password");
        raw.put("private_key", TestKeys.ENCRYPTED_PEM);
        raw.put("private_key_passphrase", TestKeys.PASSPHRASE);
        SnowflakeConfig keyPair = SnowflakeConfig.parse(raw);
        String keyLine = TestKeys.ENCRYPTED_PEM.split("\n")[3];

        String scrubbed = ErrorDetails.scrub("bad key " + keyLine + " with " + TestKeys.PASSPHRASE, keyPair.secrets());

        assertThat(scrubbed).isEqualTo("bad key *** with ***");
        assertThat(translate(999, "XX000", "boom " + SnowflakeDriverContractTest.PASSWORD)).hasMessageNotContaining(SnowflakeDriverContractTest.PASSWORD)
                .hasMessageContaining("boom ***");
    }
}
