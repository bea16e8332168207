package dev.sluice.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.sluice.common.SluiceProperties;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts PostgreSQL in-process (zonky) with its data kept under {@code ${sluice.data-dir}/postgres},
 * unless an external database is configured through {@code spring.datasource.url}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(SluiceProperties sluice, EmbeddedPostgresProperties props) throws IOException {
        Path dataDir = sluice.dataDir().resolve("postgres").toAbsolutePath().normalize();
        Files.createDirectories(dataDir);
        StalePostmaster.stopIfRunning(dataDir, Duration.ofSeconds(30));
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                // Spring closes it (destroyMethod) after the workers stopped; zonky's own JVM hook would
                // stop it at the first moment of a SIGTERM, under the feet of the exports still running.
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "200")
                .setServerConfig("listen_addresses", "127.0.0.1");
        if (props.port() > 0) {
            builder.setPort(props.port());
        }
        EmbeddedPostgres pg = builder.start();
        log.info("Embedded PostgreSQL on 127.0.0.1:{} with data in {}", pg.getPort(), dataDir);
        return pg;
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedPostgres pg, EmbeddedPostgresProperties props) throws SQLException {
        createDatabaseIfMissing(pg.getPostgresDatabase(), props.database());
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/" + props.database());
        config.setUsername("postgres");
        config.setMaximumPoolSize(20);
        config.setPoolName("sluice");
        return new HikariDataSource(config);
    }

    private static void createDatabaseIfMissing(DataSource admin, String database) throws SQLException {
        if (!database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("sluice.embedded.postgres.database must be a plain lower-case name, got: " + database);
        }
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            var rs = s.executeQuery("select 1 from pg_database where datname = '" + database + "'");
            if (!rs.next()) {
                s.execute("create database " + database);
            }
        }
    }
}
