package dev.sluice.destination.snowflake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.destination.DestinationUserException;
import java.security.PrivateKey;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SnowflakeConfigTest {

    private static Map<String, Object> config(Object... more) {
        Map<String, Object> config = SnowflakeDriverContractTest.config();
        for (int i = 0; i < more.length; i += 2) {
            config.put((String) more[i], more[i + 1]);
        }
        return config;
    }

    @Test
    void anAccountPastedAsItsUrlIsReducedToTheIdentifier() {
        SnowflakeConfig parsed = SnowflakeConfig.parse(config("account", "https://XY12345.eu-central-1.snowflakecomputing.com/"));

        assertThat(parsed.account()).isEqualTo("XY12345.eu-central-1");
        assertThat(SnowflakeNames.host(parsed.account())).isEqualTo("XY12345.eu-central-1.snowflakecomputing.com");
        assertThat(SnowflakeConnector.properties(parsed).getProperty("account")).isEqualTo("XY12345");
    }

    @Test
    void exactlyOneOfPasswordAndPrivateKeyIsNeeded() {
        assertThatThrownBy(() -> SnowflakeConfig.parse(config("private_key", TestKeys.PLAIN_PEM)))
                .isInstanceOf(DestinationUserException.class).hasMessage("A Snowflake destination needs exactly one of password or private_key.");
        Map<String, Object> neither = config();
        neither.remove("password");
        assertThatThrownBy(() -> SnowflakeConfig.parse(neither)).isInstanceOf(DestinationUserException.class);
    }

    @Test
    void anEncryptedOpenSslKeyIsDecryptedWithItsPassphraseIntoTheSameKeyAsThePlainOne() {
        PrivateKey encrypted = PrivateKeys.parse(TestKeys.ENCRYPTED_PEM, TestKeys.PASSPHRASE);
        PrivateKey plain = PrivateKeys.parse(TestKeys.PLAIN_PEM, null);

        assertThat(encrypted.getEncoded()).isEqualTo(plain.getEncoded());
        assertThat(plain.getAlgorithm()).isEqualTo("RSA");
        assertThat(PrivateKeys.parse(TestKeys.PLAIN_PEM.replace("\n", "\\n"), null).getEncoded()).isEqualTo(plain.getEncoded());
        assertThat(PrivateKeys.parse(TestKeys.ENCRYPTED_PEM.replace("\n", ""), TestKeys.PASSPHRASE).getEncoded()).as("pasted into one line")
                .isEqualTo(plain.getEncoded());
    }

    @Test
    void theDriverGetsTheKeyAsAPrivateKeyObjectAndNeverItsText() {
        Map<String, Object> config = config("private_key", TestKeys.ENCRYPTED_PEM, "private_key_passphrase", TestKeys.PASSPHRASE);
        config.remove("password");

        Properties props = SnowflakeConnector.properties(SnowflakeConfig.parse(config));

        assertThat(props.get("privateKey")).isInstanceOf(PrivateKey.class);
        assertThat(props).doesNotContainKeys("password", "private_key_file", "private_key_base64", "private_key_pwd");
        assertThat(props.values()).noneMatch(v -> v.toString().contains(TestKeys.PASSPHRASE) || v.toString().contains("PRIVATE KEY"));
    }

    @Test
    void aWrongOrMissingPassphraseOrABrokenKeyIsAUserErrorThatRepeatsNoSecret() {
        assertThatThrownBy(() -> PrivateKeys.parse(TestKeys.ENCRYPTED_PEM, "wrong-passphrase-123"))
                .isInstanceOf(DestinationUserException.class).hasMessageStartingWith("The Snowflake private_key could not be decrypted")
                .hasMessageNotContaining("wrong-passphrase-123");
        assertThatThrownBy(() -> PrivateKeys.parse(TestKeys.ENCRYPTED_PEM, null))
                .isInstanceOf(DestinationUserException.class).hasMessageContaining("give its private_key_passphrase");
        assertThatThrownBy(() -> PrivateKeys.parse("ssh-rsa AAAAB3NzaC1yc2E", null))
                .isInstanceOf(DestinationUserException.class).hasMessageContaining("PEM PKCS#8").hasMessageNotContaining("AAAAB3");
        assertThatThrownBy(() -> PrivateKeys.parse("-----BEGIN PRIVATE KEY-----\nnot base64!\n-----END PRIVATE KEY-----", null))
                .isInstanceOf(DestinationUserException.class);
    }

    @Test
    void toStringNamesTheAuthenticationButNoSecret() {
        Map<String, Object> config = new HashMap<>(config("private_key", TestKeys.PLAIN_PEM));
        config.remove("password");

        assertThat(SnowflakeConfig.parse(config).toString()).contains("auth=key pair").doesNotContain("PRIVATE KEY");
        assertThat(SnowflakeConfig.parse(config()).toString()).contains("auth=password").doesNotContain(SnowflakeDriverContractTest.PASSWORD);
    }
}
