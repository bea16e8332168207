package dev.sluice.destination.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.sluice.destination.DestinationUserException;
import dev.sluice.destination.postgres.ArrowCells;
import dev.sluice.format.JsonColumns;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Events as a PostHog {@code /batch} body: {@code {"api_key", "historical_migration": true,
 * "batch": [{"event", "distinct_id", "properties", "timestamp", "uuid"}]}}. Each event is encoded
 * as it is added, so the buffer's size is known before it is sent.
 */
final class BatchPayload {

    static final List<String> REQUIRED = List.of("uuid", "event", "distinct_id");
    private static final JsonFactory JSON = new JsonFactory();

    private final String token;
    private final int uuid;
    private final int event;
    private final int distinctId;
    private final int properties;
    private final boolean propertiesAreJson;
    private final int timestamp;
    private final List<byte[]> events = new ArrayList<>();
    private long bytes;

    BatchPayload(Schema schema, String token) {
        this.token = token;
        this.uuid = index(schema, "uuid");
        this.event = index(schema, "event");
        this.distinctId = index(schema, "distinct_id");
        this.properties = index(schema, "properties");
        this.timestamp = index(schema, "timestamp");
        for (String name : REQUIRED) {
            if (index(schema, name) < 0) {
                throw new DestinationUserException("An HTTP export needs the fields uuid, event and distinct_id in its schema;"
                        + " '" + name + "' is missing.");
            }
        }
        this.propertiesAreJson = properties >= 0 && JsonColumns.isJson(schema.getFields().get(properties));
    }

    private static int index(Schema schema, String name) {
        List<Field> fields = schema.getFields();
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).getName().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Encodes row {@code row} of {@code batch} as one event object. */
    byte[] encode(VectorSchemaRoot batch, int row) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("event", ArrowCells.text(batch.getVector(event), row));
            g.writeStringField("distinct_id", ArrowCells.text(batch.getVector(distinctId), row));
            g.writeFieldName("properties");
            String props = properties < 0 ? null : ArrowCells.text(batch.getVector(properties), row);
            if (props == null) {
                g.writeRawValue("{}");
            } else if (propertiesAreJson) {
                g.writeRawValue(props);
            } else {
                g.writeString(props);
            }
            if (timestamp >= 0) {
                FieldVector time = batch.getVector(timestamp);
                g.writeStringField("timestamp", ArrowCells.text(time, row));
            }
            g.writeStringField("uuid", ArrowCells.text(batch.getVector(uuid), row));
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    void add(byte[] encoded) {
        events.add(encoded);
        bytes += encoded.length + 1;
    }

    int count() {
        return events.size();
    }

    long bytes() {
        return bytes;
    }

    /** The whole request body. */
    byte[] body() {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 64, bytes + token.length() + 64));
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("api_key", token);
            g.writeBooleanField("historical_migration", true);
            g.writeFieldName("batch");
            g.writeStartArray();
            for (byte[] e : events) {
                g.writeRawValue(new String(e, StandardCharsets.UTF_8));
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    void clear() {
        events.clear();
        bytes = 0;
    }
}
