package dev.sluice.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM with the key ring. Ciphertexts read {@code v1:<keyId>:<base64(iv | ciphertext | tag)>}
 * so any key in the ring can decrypt what it wrote.
 */
public class SecretCipher {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final KeyRing keyRing;
    private final SecureRandom random = new SecureRandom();

    public SecretCipher(KeyRing keyRing) {
        this.keyRing = keyRing;
    }

    public String encrypt(String plaintext) {
        return encryptBytes(plaintext.getBytes(StandardCharsets.UTF_8));
    }

    public String decrypt(String ciphertext) {
        return new String(decryptBytes(ciphertext), StandardCharsets.UTF_8);
    }

    public String encryptBytes(byte[] plaintext) {
        Sealed sealed = seal(plaintext);
        return "v1:" + sealed.keyId() + ":" + Base64.getEncoder().encodeToString(sealed.bytes());
    }

    /** Bytes sealed under a key of the ring: {@code iv | ciphertext | tag}, with the key's id authenticated as AAD. */
    record Sealed(String keyId, byte[] bytes) {
    }

    Sealed seal(byte[] plaintext) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        String keyId = keyRing.activeKeyId();
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keyRing.activeKey(), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            return new Sealed(keyId, ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    byte[] open(Sealed sealed) {
        SecretKey key = keyRing.key(sealed.keyId())
                .orElseThrow(() -> new IllegalStateException("key " + sealed.keyId() + " is not in the key ring"));
        byte[] raw = sealed.bytes();
        if (raw.length < IV_BYTES) {
            throw new IllegalArgumentException("sealed bytes are too short");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, raw, 0, IV_BYTES));
            cipher.updateAAD(sealed.keyId().getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(raw, IV_BYTES, raw.length - IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed: wrong key or tampered data", e);
        }
    }

    public byte[] decryptBytes(String ciphertext) {
        String[] parts = ciphertext.split(":", 3);
        if (parts.length != 3 || !parts[0].equals("v1")) {
            throw new IllegalArgumentException("not a Sluice ciphertext");
        }
        return open(new Sealed(parts[1], Base64.getDecoder().decode(parts[2])));
    }

    /** The ciphertext decrypted and encrypted again under the active key: what a key rotation does to every stored secret. */
    public String reencrypt(String ciphertext) {
        return needsReencryption(ciphertext) ? encryptBytes(decryptBytes(ciphertext)) : ciphertext;
    }

    /** Whether a ciphertext was written with a key other than the active one. */
    public boolean needsReencryption(String ciphertext) {
        return !ciphertext.startsWith("v1:" + keyRing.activeKeyId() + ":");
    }
}
