package dev.sluice.workflow;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Maps the environment variables for a real Temporal cluster onto the starter's settings:
 * <ul>
 *   <li>{@code TEMPORAL_NAMESPACE} → {@code spring.temporal.namespace}</li>
 *   <li>{@code TEMPORAL_API_KEY} → {@code spring.temporal.connection.api-key}, with TLS on</li>
 *   <li>{@code TEMPORAL_TLS_CERT} + {@code TEMPORAL_TLS_KEY} (mTLS client certificate chain and
 *       PKCS#8 key, each a file path or PEM text) → {@code spring.temporal.connection.mtls.*}</li>
 *   <li>{@code TEMPORAL_TLS_CA} (file path or PEM text) → {@code sluice.temporal.tls.ca}, the
 *       certificate authorities to trust instead of the JVM's ({@link TemporalTlsConfiguration})</li>
 *   <li>{@code TEMPORAL_TLS_SERVER_NAME} → {@code spring.temporal.connection.mtls.server-name}</li>
 *   <li>{@code TEMPORAL_TLS=true} → TLS with the JVM's trusted authorities</li>
 * </ul>
 */
class TemporalConnectionEnvironment implements EnvironmentPostProcessor {

    static final String CA = "sluice.temporal.tls.ca";
    private static final String CONNECTION = "spring.temporal.connection.";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        Map<String, Object> settings = settings(env::getProperty);
        if (!settings.isEmpty()) {
            env.getPropertySources().addFirst(new MapPropertySource("sluiceTemporalConnection", settings));
        }
    }

    static Map<String, Object> settings(Function<String, String> env) {
        Map<String, Object> settings = new LinkedHashMap<>();
        boolean tls = Boolean.parseBoolean(value(env, "TEMPORAL_TLS"));
        String namespace = value(env, "TEMPORAL_NAMESPACE");
        if (namespace != null) {
            settings.put("spring.temporal.namespace", namespace);
        }
        String apiKey = value(env, "TEMPORAL_API_KEY");
        if (apiKey != null) {
            settings.put(CONNECTION + "api-key", apiKey);
            tls = true;
        }
        String cert = value(env, "TEMPORAL_TLS_CERT");
        String key = value(env, "TEMPORAL_TLS_KEY");
        if ((cert == null) != (key == null)) {
            throw new IllegalArgumentException("TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY go together: set both for mTLS, or neither");
        }
        if (cert != null) {
            settings.put(CONNECTION + "mtls.pkcs", "8");
            settings.put(CONNECTION + (isPem(cert) ? "mtls.cert-chain" : "mtls.cert-chain-file"), cert);
            settings.put(CONNECTION + (isPem(key) ? "mtls.key" : "mtls.key-file"), key);
            tls = true;
        }
        String serverName = value(env, "TEMPORAL_TLS_SERVER_NAME");
        if (serverName != null) {
            settings.put(CONNECTION + "mtls.server-name", serverName);
        }
        String ca = value(env, "TEMPORAL_TLS_CA");
        if (ca != null) {
            settings.put(CA, ca);
            tls = true;
        }
        if (tls) {
            settings.put(CONNECTION + "enable-https", "true");
        }
        return settings;
    }

    static boolean isPem(String value) {
        return value.stripLeading().startsWith("-----BEGIN");
    }

    private static String value(Function<String, String> env, String name) {
        String v = env.apply(name);
        return v == null || v.isBlank() ? null : v.trim();
    }
}
