package dev.sluice.security;

import dev.sluice.common.BadRequestException;
import dev.sluice.common.Ids;
import dev.sluice.common.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal API keys: a random value shown once at creation, stored only as its SHA-256 hash.
 * {@code last_used_at} is refreshed at most once a minute, so a busy script does not write on every request.
 */
@Service
public class PersonalApiKeyService {

    static final String PREFIX = "phx_";
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    private final PersonalApiKeyRepository keys;
    private final AppUserRepository users;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    public PersonalApiKeyService(PersonalApiKeyRepository keys, AppUserRepository users, ApplicationEventPublisher events, Clock clock) {
        this.keys = keys;
        this.users = users;
        this.events = events;
        this.clock = clock;
    }

    /** A new key and its value, which exists nowhere else after this call returns. */
    public record CreatedKey(PersonalApiKey key, String value) {
    }

    @Transactional
    public CreatedKey create(UUID userId, String label) {
        if (label == null || label.isBlank()) {
            throw new BadRequestException("label", "label is required.");
        }
        if (label.length() > 100) {
            throw new BadRequestException("label", "label must be at most 100 characters.");
        }
        String value = Ids.token(PREFIX, 24);
        String mask = value.substring(0, PREFIX.length() + 4) + "…" + value.substring(value.length() - 4);
        PersonalApiKey key = keys.save(new PersonalApiKey(Ids.newId(), userId, label.trim(), hash(value), mask, clock.instant()));
        events.publishEvent(new PersonalApiKeyChanged(userId, key.getId(), key.getLabel(), PersonalApiKeyChanged.Change.CREATED));
        return new CreatedKey(key, value);
    }

    @Transactional(readOnly = true)
    public List<PersonalApiKey> list(UUID userId) {
        return keys.findByUserIdOrderByCreatedAtDesc(userId);
    }

    @Transactional
    public PersonalApiKey revoke(UUID userId, UUID keyId) {
        PersonalApiKey key = keys.findById(keyId).filter(k -> k.getUserId().equals(userId))
                .orElseThrow(() -> new NotFoundException("Personal API key " + keyId + " was not found."));
        if (key.getRevokedAt() == null) {
            key.setRevokedAt(clock.instant());
            events.publishEvent(new PersonalApiKeyChanged(userId, key.getId(), key.getLabel(), PersonalApiKeyChanged.Change.REVOKED));
        }
        return key;
    }

    /** The user a key value belongs to, if the key exists and is not revoked. */
    @Transactional
    public Optional<AppUser> authenticate(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return keys.findByValueHashAndRevokedAtIsNull(hash(value.trim())).flatMap(key -> {
            Instant now = clock.instant();
            if (key.getLastUsedAt() == null || key.getLastUsedAt().isBefore(now.minus(LAST_USED_RESOLUTION))) {
                key.setLastUsedAt(now);
            }
            return users.findById(key.getUserId());
        });
    }

    static String hash(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
