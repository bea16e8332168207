package dev.sluice.destination;

import dev.sluice.crypto.EncryptedColumns;
import dev.sluice.crypto.SecretCipher;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Destination configs written under an older key, re-encrypted under the active one. A row edited
 * meanwhile is left alone: its new ciphertext was written with the active key already.
 */
@Component
class DestinationSecretsReencryption implements EncryptedColumns {

    private final JdbcTemplate jdbc;

    DestinationSecretsReencryption(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "destinations.config_encrypted";
    }

    @Override
    @Transactional
    public int reencrypt(SecretCipher cipher) {
        List<Map<String, Object>> rows = jdbc.queryForList("select id, config_encrypted from destinations");
        int rewritten = 0;
        for (Map<String, Object> row : rows) {
            String stored = (String) row.get("config_encrypted");
            if (cipher.needsReencryption(stored)) {
                rewritten += jdbc.update("update destinations set config_encrypted = ? where id = ? and config_encrypted = ?",
                        cipher.reencrypt(stored), row.get("id"), stored);
            }
        }
        return rewritten;
    }
}
