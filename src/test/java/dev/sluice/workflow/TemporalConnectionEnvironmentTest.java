package dev.sluice.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemporalConnectionEnvironmentTest {

    private static final String PEM_CERT = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
    private static final String PEM_KEY = "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n";

    @Test
    void withoutTemporalVariablesNothingIsSet() {
        assertThat(TemporalConnectionEnvironment.settings(Map.<String, String>of()::get)).isEmpty();
    }

    @Test
    void theNamespaceVariableSetsTheStartersNamespace() {
        assertThat(TemporalConnectionEnvironment.settings(Map.of("TEMPORAL_NAMESPACE", "sluice.a2dd6")::get))
                .containsExactlyEntriesOf(Map.of("spring.temporal.namespace", "sluice.a2dd6"));
    }

    @Test
    void anApiKeyIsSentOverTls() {
        assertThat(TemporalConnectionEnvironment.settings(Map.of("TEMPORAL_API_KEY", "secret-key")::get))
                .containsEntry("spring.temporal.connection.api-key", "secret-key")
                .containsEntry("spring.temporal.connection.enable-https", "true");
    }

    @Test
    void certificateAndKeyPathsBecomeTheStartersMtlsFiles() {
        assertThat(TemporalConnectionEnvironment.settings(Map.of("TEMPORAL_TLS_CERT", "/etc/sluice/client.pem",
                "TEMPORAL_TLS_KEY", "/etc/sluice/client.key", "TEMPORAL_TLS_SERVER_NAME", "temporal.internal")::get))
                .containsEntry("spring.temporal.connection.mtls.pkcs", "8")
                .containsEntry("spring.temporal.connection.mtls.cert-chain-file", "/etc/sluice/client.pem")
                .containsEntry("spring.temporal.connection.mtls.key-file", "/etc/sluice/client.key")
                .containsEntry("spring.temporal.connection.mtls.server-name", "temporal.internal")
                .containsEntry("spring.temporal.connection.enable-https", "true");
    }

    @Test
    void pemTextInTheVariablesIsPassedAsText() {
        assertThat(TemporalConnectionEnvironment.settings(Map.of("TEMPORAL_TLS_CERT", PEM_CERT, "TEMPORAL_TLS_KEY", PEM_KEY)::get))
                .containsEntry("spring.temporal.connection.mtls.cert-chain", PEM_CERT.trim())
                .containsEntry("spring.temporal.connection.mtls.key", PEM_KEY.trim())
                .doesNotContainKeys("spring.temporal.connection.mtls.cert-chain-file", "spring.temporal.connection.mtls.key-file");
    }

    @Test
    void aCertificateWithoutItsKeyIsRefused() {
        assertThatThrownBy(() -> TemporalConnectionEnvironment.settings(Map.of("TEMPORAL_TLS_CERT", "/etc/sluice/client.pem")::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TEMPORAL_TLS_KEY");
    }

    @Test
    void aCertificateAuthorityTurnsTlsOnAndIsKeptForTheTrustCustomizer() {
        assertThat(TemporalConnectionEnvironment.settings(Map.of("TEMPORAL_TLS_CA", "/etc/sluice/ca.pem")::get))
                .containsEntry(TemporalConnectionEnvironment.CA, "/etc/sluice/ca.pem")
                .containsEntry("spring.temporal.connection.enable-https", "true");
    }

    @Test
    void tlsWithTheJvmsAuthoritiesNeedsOnlyTheSwitch() {
        assertThat(TemporalConnectionEnvironment.settings(Map.of("TEMPORAL_TLS", "true")::get))
                .containsExactlyEntriesOf(Map.of("spring.temporal.connection.enable-https", "true"));
    }

    @Test
    void theCertificateAuthorityFileBecomesATrustManagerForItsCertificate(@TempDir Path dir) throws Exception {
        Path ca = selfSignedCertificate(dir);
        X509TrustManager trust = TemporalTlsConfiguration.trustManager(TemporalTlsConfiguration.pemOrFile(ca.toString()));
        assertThat(trust.getAcceptedIssuers()).singleElement()
                .satisfies(c -> assertThat(c.getSubjectX500Principal().getName()).contains("CN=Sluice Test CA"));
    }

    @Test
    void aCertificateAuthorityThatIsNoCertificateIsRefused() {
        assertThatThrownBy(() -> TemporalTlsConfiguration.trustManager("-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TEMPORAL_TLS_CA");
    }

    /** A CA certificate in PEM made by the JDK's keytool. */
    private static Path selfSignedCertificate(Path dir) throws IOException, InterruptedException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Path store = dir.resolve("ca.p12");
        Path pem = dir.resolve("ca.pem");
        run(keytool.toString(), "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-dname", "CN=Sluice Test CA", "-ext", "bc:c",
                "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", "changeit");
        run(keytool.toString(), "-exportcert", "-rfc", "-alias", "ca", "-keystore", store.toString(), "-storepass", "changeit",
                "-file", pem.toString());
        assertThat(Files.readString(pem)).startsWith("-----BEGIN CERTIFICATE-----");
        return pem;
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
    }
}
