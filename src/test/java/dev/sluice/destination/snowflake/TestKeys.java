package dev.sluice.destination.snowflake;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * A throwaway RSA key pair made for these tests with OpenSSL, as Snowflake's key-pair docs make
 * one: {@code openssl genrsa 2048 | openssl pkcs8 -topk8 -v2 aes-256-cbc}, the same key unencrypted
 * ({@code openssl pkcs8 -topk8 -nocrypt}) and its public key ({@code openssl rsa -pubout}).
 */
public final class TestKeys {

    public static final String PASSPHRASE = "test-passphrase-only";
    public static final String ENCRYPTED_PEM = resource("test-key-encrypted.p8");
    public static final String PLAIN_PEM = resource("test-key.p8");
    private static final String PUBLIC_PEM = resource("test-key.pub");

    private TestKeys() {
    }

    static PublicKey publicKey() throws GeneralSecurityException {
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(publicDer()));
    }

    /** {@code SHA256:<base64 of the SHA-256 of the public key>}, as Snowflake's RSA_PUBLIC_KEY_FP shows it. */
    static String fingerprint() throws GeneralSecurityException {
        return "SHA256:" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(publicDer()));
    }

    private static byte[] publicDer() {
        return Base64.getMimeDecoder().decode(PUBLIC_PEM.replaceAll("-----[A-Z ]+-----", ""));
    }

    private static String resource(String name) {
        try (InputStream in = TestKeys.class.getResourceAsStream("/snowflake/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
