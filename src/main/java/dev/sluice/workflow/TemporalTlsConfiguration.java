package dev.sluice.workflow;

import io.temporal.serviceclient.SimpleSslContextBuilder;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Trusts the certificate authorities of {@code TEMPORAL_TLS_CA} (for a cluster whose certificate the
 * JVM does not trust). The starter has no setting for that, so this customizer builds the whole TLS
 * context, with the mTLS client certificate and key when they are set.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = TemporalConnectionEnvironment.CA)
class TemporalTlsConfiguration {

    @Bean
    TemporalOptionsCustomizer<WorkflowServiceStubsOptions.Builder> temporalTrustedAuthorities(
            @Value("${" + TemporalConnectionEnvironment.CA + "}") String ca,
            @Value("${spring.temporal.connection.mtls.cert-chain:${spring.temporal.connection.mtls.cert-chain-file:}}") String cert,
            @Value("${spring.temporal.connection.mtls.key:${spring.temporal.connection.mtls.key-file:}}") String key) {
        X509TrustManager trust = trustManager(pemOrFile(ca));
        return builder -> {
            try {
                SimpleSslContextBuilder ssl = cert.isBlank() ? SimpleSslContextBuilder.noKeyOrCertChain()
                        : SimpleSslContextBuilder.forPKCS8(stream(pemOrFile(cert)), stream(pemOrFile(key)));
                return builder.setSslContext(ssl.setTrustManager(trust).build());
            } catch (IOException e) {
                throw new UncheckedIOException("Could not set up TLS to Temporal", e);
            }
        };
    }

    /** A trust manager for every certificate in the PEM text. */
    static X509TrustManager trustManager(String pem) {
        try {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(stream(pem));
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("TEMPORAL_TLS_CA holds no certificate");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("temporal-ca-" + i++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (var manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("No X.509 trust manager available");
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("TEMPORAL_TLS_CA is not a readable PEM certificate: " + e.getMessage(), e);
        }
    }

    static String pemOrFile(String value) {
        if (TemporalConnectionEnvironment.isPem(value)) {
            return value;
        }
        try {
            return Files.readString(Path.of(value));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + value, e);
        }
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
