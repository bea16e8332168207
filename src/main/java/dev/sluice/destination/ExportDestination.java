package dev.sluice.destination;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A destination's type and its config, stored only as ciphertext (see {@link DestinationConfigs}). */
@Entity
@Table(name = "destinations")
public class ExportDestination {

    @Id
    private UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private DestinationType type;

    @Column(name = "config_encrypted", nullable = false)
    private String configEncrypted;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_updated_at", nullable = false)
    private Instant lastUpdatedAt;

    protected ExportDestination() {
    }

    public ExportDestination(UUID id, DestinationType type, String configEncrypted, Instant now) {
        this.id = id;
        this.type = type;
        this.configEncrypted = configEncrypted;
        this.createdAt = now;
        this.lastUpdatedAt = now;
    }

    public UUID getId() {
        return id;
    }

    public DestinationType getType() {
        return type;
    }

    public String getConfigEncrypted() {
        return configEncrypted;
    }

    public void replaceConfig(DestinationType type, String configEncrypted, Instant now) {
        this.type = type;
        this.configEncrypted = configEncrypted;
        this.lastUpdatedAt = now;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getLastUpdatedAt() {
        return lastUpdatedAt;
    }
}
