package dev.sluice.project;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "projects")
public class Project {

    @Id
    private UUID id;

    @Column(nullable = false)
    private String name;

    /** The capture key that {@code /batch} and {@code /capture} take as {@code api_key}. */
    @Column(name = "api_token", nullable = false, unique = true)
    private String apiToken;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Project() {
    }

    public Project(UUID id, String name, String apiToken, Instant createdAt) {
        this.id = id;
        this.name = name;
        this.apiToken = apiToken;
        this.createdAt = createdAt;
    }

    public UUID getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getApiToken() {
        return apiToken;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
