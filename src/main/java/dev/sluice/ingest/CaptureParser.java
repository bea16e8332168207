package dev.sluice.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.sluice.common.BadRequestException;
import dev.sluice.common.Ids;
import dev.sluice.common.Timestamps;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Reads capture requests and validates every event. The {@code /batch} body is streamed: events are
 * validated and turned into rows one at a time, so only the rows are held, not a tree of the request.
 * The first invalid event is remembered (with its index and field) and the rest only parsed, so the
 * api_key can still be checked first wherever it stands in the body.
 */
@Component
class CaptureParser {

    static final int MAX_EVENT_NAME = 400;
    static final int MAX_DISTINCT_ID = 200;

    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final ObjectMapper json;

    CaptureParser(ObjectMapper json) {
        this.json = json;
    }

    /** The api_key, the rows when every event is valid, else the first event error. */
    record Parsed(String apiKey, List<EventRow> rows, BadRequestException error) {
    }

    Parsed batch(InputStream body, Instant now) throws IOException {
        try (JsonParser p = json.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new BadRequestException(null, "The request body must be a JSON object with api_key and batch.");
            }
            String apiKey = null;
            List<EventRow> rows = new ArrayList<>();
            BadRequestException error = null;
            boolean sawBatch = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("api_key")) {
                    apiKey = value == JsonToken.VALUE_STRING ? p.getText() : null;
                    p.skipChildren();
                } else if (field.equals("batch")) {
                    sawBatch = true;
                    if (value != JsonToken.START_ARRAY) {
                        error = error != null ? error : new BadRequestException("batch", "batch must be a list of events.");
                        p.skipChildren();
                        continue;
                    }
                    int index = 0;
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        JsonNode node = p.readValueAsTree();
                        if (error == null) {
                            try {
                                rows.add(event(node, "batch[" + index + "]", now));
                            } catch (BadRequestException e) {
                                error = e;
                                rows = List.of();
                            }
                        }
                        index++;
                    }
                } else {
                    p.skipChildren();
                }
            }
            if (error == null && !sawBatch) {
                error = new BadRequestException("batch", "batch is required: a list of events.");
            }
            if (error == null && rows.isEmpty()) {
                error = new BadRequestException("batch", "batch must hold at least one event.");
            }
            return new Parsed(apiKey, error == null ? rows : List.of(), error);
        }
    }

    Parsed single(InputStream body, Instant now) throws IOException {
        JsonNode node = json.readTree(body);
        if (node == null || !node.isObject()) {
            throw new BadRequestException(null, "The request body must be a JSON object with api_key, event, distinct_id and properties.");
        }
        JsonNode key = node.get("api_key");
        String apiKey = key != null && key.isTextual() ? key.asText() : null;
        try {
            return new Parsed(apiKey, List.of(event(node, "", now)), null);
        } catch (BadRequestException e) {
            return new Parsed(apiKey, List.of(), e);
        }
    }

    /** Validates one event; errors name the field as {@code <prefix>.<field>}. */
    EventRow event(JsonNode node, String prefix, Instant now) throws JsonProcessingException {
        String at = prefix.isEmpty() ? "" : prefix + ".";
        if (node == null || !node.isObject()) {
            throw new BadRequestException(prefix.isEmpty() ? null : prefix,
                    (prefix.isEmpty() ? "The event" : prefix) + " must be an object with event, distinct_id and properties.");
        }
        JsonNode properties = node.get("properties");
        if (properties != null && !properties.isNull() && !properties.isObject()) {
            throw new BadRequestException(at + "properties", at + "properties must be an object.");
        }
        ObjectNode props = properties == null || properties.isNull() ? json.createObjectNode() : (ObjectNode) properties;
        for (String personUpdate : List.of(PersonStore.SET, PersonStore.SET_ONCE)) {
            JsonNode values = props.get(personUpdate);
            if (values != null && !values.isNull() && !values.isObject()) {
                throw new BadRequestException(at + "properties." + personUpdate, at + "properties." + personUpdate
                        + " must be an object of person properties.");
            }
        }
        JsonNode anon = props.get(PersonStore.ANON_DISTINCT_ID);
        if (anon != null && !anon.isNull()) {
            text(anon, at + "properties." + PersonStore.ANON_DISTINCT_ID, MAX_DISTINCT_ID);
        }

        String event = text(node.get("event"), at + "event", MAX_EVENT_NAME);
        JsonNode distinct = node.get("distinct_id");
        if ((distinct == null || distinct.isNull()) && props.has("distinct_id")) {
            distinct = props.get("distinct_id");
        }
        if (distinct != null && distinct.isNumber()) {
            distinct = TextNode.valueOf(distinct.asText());
        }
        String distinctId = text(distinct, at + "distinct_id", MAX_DISTINCT_ID);

        Instant timestamp = now;
        JsonNode ts = node.get("timestamp");
        if (ts != null && !ts.isNull()) {
            if (!ts.isTextual()) {
                throw new BadRequestException(at + "timestamp", at + "timestamp must be an ISO-8601 timestamp such as 2026-11-20T13:00:00Z.");
            }
            timestamp = Timestamps.parse(at + "timestamp", ts.asText());
            if (timestamp == null) {
                timestamp = now;
            }
        }

        UUID uuid;
        JsonNode u = node.get("uuid");
        if (u == null || u.isNull()) {
            uuid = Ids.newId();
        } else if (u.isTextual() && UUID_TEXT.matcher(u.asText()).matches()) {
            uuid = UUID.fromString(u.asText());
        } else {
            throw new BadRequestException(at + "uuid", at + "uuid must be a UUID such as 0190e5c2-8a8b-7c1e-9a55-3c1f0e7d2b4a.");
        }
        return new EventRow(uuid, event, distinctId, propertiesJson(props), timestamp, now);
    }

    private static String text(JsonNode node, String attr, int maxLength) {
        if (node == null || node.isNull()) {
            throw new BadRequestException(attr, attr + " is required.");
        }
        if (!node.isTextual()) {
            throw new BadRequestException(attr, attr + " must be a string.");
        }
        String value = node.asText();
        if (value.isBlank()) {
            throw new BadRequestException(attr, attr + " must not be empty.");
        }
        if (value.length() > maxLength) {
            throw new BadRequestException(attr, attr + " must be at most " + maxLength + " characters.");
        }
        if (value.indexOf('\0') >= 0) {
            throw new BadRequestException(attr, attr + " must not contain NUL characters.");
        }
        return value;
    }

    /** PostgreSQL's jsonb cannot hold NUL characters: they become U+FFFD. */
    private String propertiesJson(ObjectNode props) throws JsonProcessingException {
        String text = json.writeValueAsString(props);
        if (!text.contains("\\u0000")) {
            return text;
        }
        return json.writeValueAsString(withoutNul(props));
    }

    private JsonNode withoutNul(JsonNode node) {
        if (node.isTextual()) {
            return TextNode.valueOf(node.asText().replace('\0', '\uFFFD'));
        }
        if (node.isArray()) {
            ArrayNode copy = json.createArrayNode();
            node.forEach(n -> copy.add(withoutNul(n)));
            return copy;
        }
        if (node.isObject()) {
            ObjectNode copy = json.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                copy.set(e.getKey().replace('\0', '\uFFFD'), withoutNul(e.getValue()));
            }
            return copy;
        }
        return node;
    }
}
