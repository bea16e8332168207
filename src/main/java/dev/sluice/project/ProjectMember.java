package dev.sluice.project;

import java.time.Instant;
import java.util.UUID;

/** A membership with the member's email: {@code id} is the membership's, as in the members API. */
public record ProjectMember(UUID id, UUID userId, String email, ProjectRole role, Instant createdAt) {
}
