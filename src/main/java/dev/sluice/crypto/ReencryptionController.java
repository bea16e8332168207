package dev.sluice.crypto;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.sluice.common.PermissionDeniedException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/admin/reencrypt}: after a new key was put first in {@code SLUICE_ENCRYPTION_KEYS},
 * rewrites every stored secret under it, so the old key can then be removed. Instance admins only.
 */
@RestController
class ReencryptionController {

    private static final Logger log = LoggerFactory.getLogger(ReencryptionController.class);
    static final String INSTANCE_ADMIN = "ROLE_INSTANCE_ADMIN";

    private final List<EncryptedColumns> columns;
    private final SecretCipher cipher;
    private final KeyRing keyRing;

    ReencryptionController(List<EncryptedColumns> columns, SecretCipher cipher, KeyRing keyRing) {
        this.columns = columns;
        this.cipher = cipher;
        this.keyRing = keyRing;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ReencryptionResponse(String activeKeyId, int reencrypted, Map<String, Integer> columns) {
    }

    @PostMapping("/api/admin/reencrypt")
    ReencryptionResponse reencrypt() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        boolean admin = auth != null && auth.getAuthorities().stream().anyMatch(a -> INSTANCE_ADMIN.equals(a.getAuthority()));
        if (!admin) {
            throw new PermissionDeniedException("Only instance admins may re-encrypt the stored secrets.");
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        int total = 0;
        for (EncryptedColumns column : columns) {
            int n = column.reencrypt(cipher);
            counts.put(column.name(), n);
            total += n;
        }
        log.info("Re-encrypted {} stored secrets under key {}", total, keyRing.activeKeyId());
        return new ReencryptionResponse(keyRing.activeKeyId(), total, counts);
    }
}
