package dev.sluice.crypto;

/**
 * A table column holding {@link SecretCipher} ciphertexts. Each module that stores secrets implements
 * this, so a key rotation can re-encrypt every stored secret under the active key.
 */
public interface EncryptedColumns {

    /** What is encrypted, for the re-encryption report, e.g. {@code "destinations.config_encrypted"}. */
    String name();

    /** Re-encrypts every value written under an older key with the active one; returns how many were rewritten. */
    int reencrypt(SecretCipher cipher);
}
