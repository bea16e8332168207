package dev.sluice.common;

import java.util.Locale;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code SLUICE_LOG_FORMAT} ({@code sluice.log-format}): {@code text} (default) or {@code json},
 * one JSON object per line on the console in Elastic Common Schema; {@code ecs}, {@code logstash}
 * and {@code gelf} pick one of Spring Boot's structured formats by name. Runs before the logging
 * system reads its settings.
 */
class LogFormatEnvironment implements EnvironmentPostProcessor {

    static final String PROPERTY = "sluice.log-format";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        String format = structuredFormat(env.getProperty(PROPERTY, "text"));
        if (format != null) {
            env.getPropertySources().addFirst(new MapPropertySource("sluiceLogFormat", Map.of("logging.structured.format.console", format)));
        }
    }

    static String structuredFormat(String logFormat) {
        String format = logFormat.trim().toLowerCase(Locale.ROOT);
        return switch (format) {
            case "", "text" -> null;
            case "json" -> "ecs";
            case "ecs", "logstash", "gelf" -> format;
            default -> throw new IllegalArgumentException(PROPERTY + " must be text, json, ecs, logstash or gelf, got: " + logFormat);
        };
    }
}
