package dev.sluice.security;

import java.util.UUID;

/**
 * Published inside the transaction that created or revoked a personal API key. It carries the
 * key's id and label, never its value.
 */
public record PersonalApiKeyChanged(UUID userId, UUID keyId, String label, Change change) {

    public enum Change { CREATED, REVOKED }
}
