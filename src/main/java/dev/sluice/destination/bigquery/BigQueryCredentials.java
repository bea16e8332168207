package dev.sluice.destination.bigquery;

import com.google.auth.oauth2.ServiceAccountCredentials;
import dev.sluice.destination.DestinationUserException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/**
 * The service account of a config as Google credentials: its key is read from the PEM text (never
 * from a file), and the access token is fetched from {@code token_uri} with the BigQuery scope.
 */
final class BigQueryCredentials {

    static final String SCOPE = "https://www.googleapis.com/auth/bigquery";

    private BigQueryCredentials() {
    }

    static ServiceAccountCredentials of(BigQueryConfig config) {
        return ServiceAccountCredentials.newBuilder()
                .setProjectId(config.projectId())
                .setClientEmail(config.clientEmail())
                .setPrivateKey(privateKey(config.privateKey()))
                .setPrivateKeyId(config.privateKeyId())
                .setTokenServerUri(config.tokenUri())
                .setScopes(List.of(SCOPE))
                .build();
    }

    static PrivateKey privateKey(String pem) {
        if (!BigQueryNames.isPrivateKeyPem(pem)) {
            throw new DestinationUserException("The BigQuery private_key is not a PEM private key: paste the private_key of the service"
                    + " account's JSON key file, from -----BEGIN PRIVATE KEY----- to -----END PRIVATE KEY-----.");
        }
        String base64 = BigQueryNames.unescapeNewlines(pem).replace("-----BEGIN PRIVATE KEY-----", "")
                .replace("-----END PRIVATE KEY-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new DestinationUserException("The BigQuery private_key could not be read as an RSA key: paste the private_key of the"
                    + " service account's JSON key file unchanged.");
        }
    }
}
