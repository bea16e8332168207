package dev.sluice.destination;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.SluiceIntegrationTest;
import dev.sluice.TestApi;
import dev.sluice.crypto.KeyRing;
import dev.sluice.crypto.SecretCipher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Key rotation over the real destinations table. The rotation runs in a transaction that is rolled
 * back, because the application itself keeps its own key ring.
 */
@SluiceIntegrationTest
class DestinationReencryptionTest {

    @LocalServerPort
    int port;

    @Value("${sluice.data-dir}")
    Path dataDir;

    @Autowired
    DestinationSecretsReencryption reencryption;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void afterRotationAndReencryptionTheOldKeyCanBeRemovedAndEveryConfigStillDecrypts() throws Exception {
        TestApi admin = TestApi.admin(port);
        String pid = admin.createProject("rotation");
        String path = "rotated-" + UUID.randomUUID();
        String exportId = admin.post("/api/projects/" + pid + "/batch_exports", Map.of("name", "rotated", "interval", "hour",
                "destination", Map.of("type", "Files", "config", Map.of("path", path)))).body().get("id").asText();
        String oldKeys = Files.readString(dataDir.resolve("keys").resolve("sluice.keys")).trim();
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        String newKey = "rotated:" + Base64.getEncoder().encodeToString(raw);
        SecretCipher rotated = new SecretCipher(KeyRing.parse(newKey + "," + oldKeys));
        SecretCipher newKeyOnly = new SecretCipher(KeyRing.parse(newKey));

        transactions.executeWithoutResult(tx -> {
            List<String> before = jdbc.queryForList("select config_encrypted from destinations", String.class);
            assertThat(before).allMatch(rotated::needsReencryption);

            int rewritten = reencryption.reencrypt(rotated);

            assertThat(rewritten).isEqualTo(before.size());
            List<String> after = jdbc.queryForList("select config_encrypted from destinations", String.class);
            assertThat(after).hasSameSizeAs(before).allMatch(c -> c.startsWith("v1:rotated:")).noneMatch(c -> c.contains(path));
            after.forEach(newKeyOnly::decrypt);
            String mine = jdbc.queryForObject("select d.config_encrypted from destinations d join batch_exports e "
                    + "on e.destination_id = d.id where e.id = ?::uuid", String.class, exportId);
            assertThat(newKeyOnly.decrypt(mine)).contains("\"path\":\"" + path + "\"");
            assertThat(reencryption.reencrypt(rotated)).isZero();
            tx.setRollbackOnly();
        });
    }

    @Test
    void onlyInstanceAdminsMayReencrypt() {
        TestApi admin = TestApi.admin(port);
        TestApi projectAdmin = admin.addMember(admin.createProject("rotation access"), "ADMIN");

        TestApi.Response done = admin.post("/api/admin/reencrypt");
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.body().get("reencrypted").asInt()).isZero();
        assertThat(done.body().get("columns").has("destinations.config_encrypted")).isTrue();
        assertThat(projectAdmin.post("/api/admin/reencrypt").status()).isEqualTo(403);
        assertThat(TestApi.anonymous(port).post("/api/admin/reencrypt").status()).isEqualTo(401);
    }
}
