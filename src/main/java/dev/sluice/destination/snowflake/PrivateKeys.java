package dev.sluice.destination.snowflake;

import dev.sluice.destination.DestinationUserException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Reads the PEM private key of Snowflake's key-pair authentication: PKCS#8, as
 * {@code openssl pkcs8 -topk8} writes it, either plain ({@code BEGIN PRIVATE KEY}) or encrypted
 * with a passphrase ({@code BEGIN ENCRYPTED PRIVATE KEY}, PBES2 with AES as OpenSSL's default, or
 * any PBE scheme the JDK knows). Messages never contain the key or the passphrase.
 */
final class PrivateKeys {

    private static final String PLAIN = "PRIVATE KEY";
    private static final String ENCRYPTED = "ENCRYPTED PRIVATE KEY";

    private PrivateKeys() {
    }

    static PrivateKey parse(String pem, String passphrase) {
        String text = pem.replace("\\n", "\n").trim();
        try {
            if (text.contains("-----BEGIN " + ENCRYPTED + "-----")) {
                if (passphrase == null) {
                    throw new DestinationUserException("The Snowflake private_key is encrypted: give its private_key_passphrase too.");
                }
                return rsa(decrypt(body(text, ENCRYPTED), passphrase));
            }
            if (text.contains("-----BEGIN " + PLAIN + "-----")) {
                return rsa(body(text, PLAIN));
            }
        } catch (IllegalArgumentException e) {
            throw new DestinationUserException("The Snowflake private_key is not valid PEM: its base64 body cannot be read.");
        }
        throw new DestinationUserException("The Snowflake private_key must be a PEM PKCS#8 key starting with -----BEGIN PRIVATE KEY----- "
                + "or -----BEGIN ENCRYPTED PRIVATE KEY----- (convert one with openssl pkcs8 -topk8).");
    }

    private static byte[] body(String pem, String label) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = pem.indexOf(begin) + begin.length();
        int to = pem.indexOf(end, from);
        if (to < 0) {
            throw new DestinationUserException("The Snowflake private_key lacks its " + end + " line.");
        }
        return Base64.getMimeDecoder().decode(pem.substring(from, to));
    }

    private static byte[] decrypt(byte[] der, String passphrase) {
        try {
            EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
            // PBES2 keys name their real scheme (e.g. PBEWithHmacSHA256AndAES_256) in their parameters.
            String algorithm = info.getAlgParameters() == null ? info.getAlgName() : info.getAlgParameters().toString();
            SecretKeyFactory factory = SecretKeyFactory.getInstance(algorithm);
            Cipher cipher = Cipher.getInstance(algorithm);
            cipher.init(Cipher.DECRYPT_MODE, factory.generateSecret(new PBEKeySpec(passphrase.toCharArray())), info.getAlgParameters());
            return info.getKeySpec(cipher).getEncoded();
        } catch (java.io.IOException | GeneralSecurityException e) {
            throw new DestinationUserException("The Snowflake private_key could not be decrypted: check private_key_passphrase"
                    + " (keys encrypted with PBES2/AES, as openssl pkcs8 -topk8 -v2 aes256 writes them, are supported).");
        }
    }

    private static PrivateKey rsa(byte[] pkcs8) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new DestinationUserException("The Snowflake private_key is not an RSA private key, which key-pair authentication needs.");
        }
    }
}
