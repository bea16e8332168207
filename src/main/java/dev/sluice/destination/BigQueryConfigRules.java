package dev.sluice.destination;

import dev.sluice.common.BadRequestException;
import dev.sluice.destination.bigquery.BigQueryNames;
import java.util.Map;
import java.util.Set;

/** BigQuery's config rules for {@link DestinationConfigValidator}: ids as BigQuery names them, a service account's e-mail and PEM key. */
final class BigQueryConfigRules {

    private BigQueryConfigRules() {
    }

    static void validate(Map<String, Object> config) {
        String project = text(config, "project_id");
        if (!BigQueryNames.isProject(project)) {
            throw invalid("project_id", "must be a Google Cloud project id: 6 to 30 lower-case letters, digits and hyphens, starting with a letter.");
        }
        if (!BigQueryNames.isDataset(text(config, "dataset_id"))) {
            throw invalid("dataset_id", "must be a BigQuery dataset id: letters, digits and underscores, at most 1024.");
        }
        if (!BigQueryNames.isTable(text(config, "table_id"))) {
            throw invalid("table_id", "must be a BigQuery table id: letters, digits, underscores, hyphens and spaces, at most 1024.");
        }
        if (!BigQueryNames.isEmail(text(config, "client_email"))) {
            throw invalid("client_email", "must be the service account's e-mail address, e.g. exporter@my-project.iam.gserviceaccount.com.");
        }
        if (!BigQueryNames.isPrivateKeyPem(text(config, "private_key"))) {
            throw invalid("private_key", "must be the PEM private key of the service account's JSON key file,"
                    + " from -----BEGIN PRIVATE KEY----- to -----END PRIVATE KEY-----.");
        }
        String tokenUri = text(config, "token_uri");
        if (!tokenUri.isEmpty() && !DestinationConfigValidator.isHttpUrl(tokenUri)) {
            throw invalid("token_uri", "must be an http or https URL such as https://oauth2.googleapis.com/token.");
        }
        Object json = config.get("use_json_type");
        if (json != null && !(json instanceof Boolean) && !Set.of("true", "false").contains(json.toString())) {
            throw invalid("use_json_type", "must be true or false.");
        }
    }

    private static BadRequestException invalid(String key, String rule) {
        return new BadRequestException("destination.config." + key, "destination.config." + key + " " + rule);
    }

    private static String text(Map<String, Object> config, String key) {
        Object value = config.get(key);
        return value == null ? "" : value.toString().trim();
    }
}
