package dev.sluice.database;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded PostgreSQL used when no {@code SPRING_DATASOURCE_URL} is given.
 *
 * @param port loopback port; 0 picks a free one ({@code SLUICE_EMBEDDED_POSTGRES_PORT})
 * @param database database created for Sluice's metadata and events
 */
@ConfigurationProperties("sluice.embedded.postgres")
record EmbeddedPostgresProperties(@DefaultValue("0") int port, @DefaultValue("sluice") String database) {
}
