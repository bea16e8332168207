package dev.sluice.destination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.common.BadRequestException;
import dev.sluice.destination.snowflake.TestKeys;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SnowflakeConfigValidationTest {

    private static final String SECRET_PASSPHRASE = "not-the-passphrase-99";

    private final DestinationConfigValidator validator = new DestinationConfigValidator();

    @Test
    void aPasswordOrAKeyPairConfigWithQuotedNamesIsAccepted() {
        assertThatCode(() -> validator.validate(DestinationType.SNOWFLAKE, config(Map.of("table_name", "\"Events 2026\"", "role", "LOADER"))))
                .doesNotThrowAnyException();
        Map<String, Object> keyPair = config(Map.of("private_key", TestKeys.ENCRYPTED_PEM, "private_key_passphrase", TestKeys.PASSPHRASE));
        keyPair.remove("password");
        assertThatCode(() -> validator.validate(DestinationType.SNOWFLAKE, keyPair)).doesNotThrowAnyException();
    }

    @Test
    void anAccountThatIsNotAnIdentifierNamesTheAccountField() {
        assertRejected(config(Map.of("account", "acme.snowflakecomputing.com/?x=1")), "destination.config.account");
        assertRejected(config(Map.of("account", "a b")), "destination.config.account");
    }

    @Test
    void namesSnowflakeCannotTakeNameTheirField() {
        assertRejected(config(Map.of("table_name", "events; drop table users")), "destination.config.table_name");
        assertRejected(config(Map.of("warehouse", "wh-1")), "destination.config.warehouse");
        assertRejected(config(Map.of("database", "\"unbalanced")), "destination.config.database");
    }

    @Test
    void exactlyOneOfPasswordAndPrivateKeyIsRequired() {
        Map<String, Object> neither = config(Map.of());
        neither.remove("password");
        assertRejected(neither, "destination.config.password");
        assertRejected(config(Map.of("private_key", TestKeys.PLAIN_PEM)), "destination.config.private_key");
        assertRejected(config(Map.of("private_key_passphrase", "x")), "destination.config.private_key_passphrase");
    }

    @Test
    void aKeyThatCannotBeReadOrDecryptedNamesItsFieldWithoutRepeatingTheSecret() {
        Map<String, Object> garbage = config(Map.of("private_key", "-----BEGIN RSA PRIVATE KEY-----\nabc\n-----END RSA PRIVATE KEY-----"));
        garbage.remove("password");
        assertRejected(garbage, "destination.config.private_key");
        Map<String, Object> wrongPassphrase = config(Map.of("private_key", TestKeys.ENCRYPTED_PEM, "private_key_passphrase", SECRET_PASSPHRASE));
        wrongPassphrase.remove("password");
        assertThatThrownBy(() -> validator.validate(DestinationType.SNOWFLAKE, wrongPassphrase)).hasMessageNotContaining(SECRET_PASSPHRASE);
        assertRejected(wrongPassphrase, "destination.config.private_key_passphrase");
    }

    @Test
    void aMissingWarehouseIsRequired() {
        Map<String, Object> config = config(Map.of());
        config.remove("warehouse");
        assertRejected(config, "destination.config.warehouse");
    }

    private void assertRejected(Map<String, Object> config, String attr) {
        assertThatThrownBy(() -> validator.validate(DestinationType.SNOWFLAKE, config)).isInstanceOf(BadRequestException.class)
                .hasMessageContaining(attr)
                .satisfies(e -> assertThat(((BadRequestException) e).attr()).isEqualTo(attr));
    }

    private static Map<String, Object> config(Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>(Map.of("account", "xy12345.eu-central-1", "user", "loader", "password", "pw",
                "database", "analytics", "schema", "public", "warehouse", "loading", "table_name", "events"));
        config.putAll(overrides);
        return config;
    }
}
