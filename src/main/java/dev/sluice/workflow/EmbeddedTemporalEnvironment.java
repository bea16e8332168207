package dev.sluice.workflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Decides where Temporal is: {@code TEMPORAL_TARGET} (or {@code spring.temporal.connection.target})
 * points at a cluster; without either, Sluice runs Temporal's in-process server on a loopback port
 * ({@code SLUICE_EMBEDDED_TEMPORAL_PORT}, or a free one) and points the starter at it.
 */
class EmbeddedTemporalEnvironment implements EnvironmentPostProcessor {

    static final String ENABLED = "sluice.embedded.temporal.enabled";
    static final String PORT = "sluice.embedded.temporal.port";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        String external = firstNonBlank(env.getProperty("TEMPORAL_TARGET"), env.getProperty("spring.temporal.connection.target"));
        if (external != null) {
            env.getPropertySources().addFirst(new MapPropertySource("sluiceTemporal", Map.of(
                    "spring.temporal.connection.target", external,
                    ENABLED, "false")));
            return;
        }
        int port = env.getProperty(PORT, Integer.class, 0);
        if (port == 0) {
            port = freePort();
        }
        env.getPropertySources().addFirst(new MapPropertySource("sluiceTemporal", Map.of(
                "spring.temporal.connection.target", "127.0.0.1:" + port,
                ENABLED, "true",
                PORT, String.valueOf(port))));
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return null;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port for the embedded Temporal server", e);
        }
    }
}
