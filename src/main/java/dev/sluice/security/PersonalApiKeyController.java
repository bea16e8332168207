package dev.sluice.security;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.sluice.common.Results;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own personal API keys. */
@RestController
@RequestMapping("/api/personal_api_keys")
class PersonalApiKeyController {

    private final PersonalApiKeyService keys;
    private final CurrentUser currentUser;

    PersonalApiKeyController(PersonalApiKeyService keys, CurrentUser currentUser) {
        this.keys = keys;
        this.currentUser = currentUser;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CreateKeyRequest(String label) {
    }

    /** The answer to a create: the only time {@code value} is ever shown. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record CreatedKeyResponse(UUID id, String label, String value, String maskValue, Instant createdAt) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record KeyResponse(UUID id, String label, String maskValue, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {

        static KeyResponse of(PersonalApiKey k) {
            return new KeyResponse(k.getId(), k.getLabel(), k.getMaskValue(), k.getCreatedAt(), k.getLastUsedAt(), k.getRevokedAt());
        }
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    CreatedKeyResponse create(@RequestBody CreateKeyRequest request) {
        PersonalApiKeyService.CreatedKey created = keys.create(currentUser.require().getId(), request.label());
        PersonalApiKey k = created.key();
        return new CreatedKeyResponse(k.getId(), k.getLabel(), created.value(), k.getMaskValue(), k.getCreatedAt());
    }

    @GetMapping
    Results<KeyResponse> list() {
        return new Results<>(keys.list(currentUser.require().getId()).stream().map(KeyResponse::of).toList());
    }

    /** Revokes the key: requests bearing it are refused from now on. */
    @DeleteMapping("/{keyId}")
    ResponseEntity<Void> revoke(@PathVariable UUID keyId) {
        keys.revoke(currentUser.require().getId(), keyId);
        return ResponseEntity.noContent().build();
    }
}
