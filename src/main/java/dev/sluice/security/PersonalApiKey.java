package dev.sluice.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A personal API key; only the SHA-256 hash of its value is stored. */
@Entity
@Table(name = "personal_api_keys")
public class PersonalApiKey {

    @Id
    private UUID id;

    @Column(name = "user_id", nullable = false)
    private UUID userId;

    @Column(nullable = false)
    private String label;

    @Column(name = "value_hash", nullable = false, unique = true)
    private String valueHash;

    /** First and last characters of the value, to recognise a key without revealing it. */
    @Column(name = "mask_value", nullable = false)
    private String maskValue;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected PersonalApiKey() {
    }

    public PersonalApiKey(UUID id, UUID userId, String label, String valueHash, String maskValue, Instant createdAt) {
        this.id = id;
        this.userId = userId;
        this.label = label;
        this.valueHash = valueHash;
        this.maskValue = maskValue;
        this.createdAt = createdAt;
    }

    public UUID getId() {
        return id;
    }

    public UUID getUserId() {
        return userId;
    }

    public String getLabel() {
        return label;
    }

    public String getValueHash() {
        return valueHash;
    }

    public String getMaskValue() {
        return maskValue;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getLastUsedAt() {
        return lastUsedAt;
    }

    public void setLastUsedAt(Instant lastUsedAt) {
        this.lastUsedAt = lastUsedAt;
    }

    public Instant getRevokedAt() {
        return revokedAt;
    }

    public void setRevokedAt(Instant revokedAt) {
        this.revokedAt = revokedAt;
    }
}
