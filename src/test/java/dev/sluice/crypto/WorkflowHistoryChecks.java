package dev.sluice.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import io.temporal.api.common.v1.Header;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.SearchAttributes;
import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.MarkerRecordedEventAttributes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** What a workflow history as the Temporal server stores it may hold: encrypted payloads only, and none of the given texts. */
public final class WorkflowHistoryChecks {

    private WorkflowHistoryChecks() {
    }

    /**
     * Asserts that the history's bytes hold none of {@code notInHistory}, that each of its payloads is
     * encrypted with a key id and holds none of {@code notInPayloads}, and that only Temporal's own
     * search attributes and an empty tracing header are in the clear.
     */
    public static void assertEncrypted(History history, String workflowId, Collection<String> notInHistory, Collection<String> notInPayloads) {
        String stored = new String(history.toByteArray(), StandardCharsets.ISO_8859_1);
        notInHistory.forEach(text -> assertThat(stored).as(workflowId).doesNotContain(text));

        List<Payload> payloads = new ArrayList<>();
        List<String> searchAttributes = new ArrayList<>();
        List<Payload> headers = new ArrayList<>();
        collectPayloads(history, payloads, searchAttributes, headers);
        assertThat(searchAttributes).as(workflowId).allMatch(name -> name.startsWith("Temporal"));
        assertThat(headers).as(workflowId).allMatch(h -> h.getData().toStringUtf8().equals("{}"));
        assertThat(payloads).as(workflowId).isNotEmpty();
        for (Payload payload : payloads) {
            assertThat(payload.getMetadataMap().get("encoding").toStringUtf8()).as(payload.toString()).isEqualTo("binary/encrypted");
            assertThat(payload.getMetadataMap()).containsKey("encryption-key-id");
            String bytes = new String(payload.toByteArray(), StandardCharsets.ISO_8859_1);
            notInPayloads.forEach(text -> assertThat(bytes).as(workflowId).doesNotContain(text));
        }
    }

    /**
     * Every payload in the history, except search attributes, version markers and headers: the server
     * must read search attributes to index them, and the SDK writes them, version markers and the
     * tracing header with its own converter. They hold only change ids, version numbers
     * ({@code Workflow.getVersion}) and an empty tracing context, never Sluice's data.
     */
    private static void collectPayloads(Object value, List<Payload> into, List<String> searchAttributes, List<Payload> headers) {
        if (value instanceof SearchAttributes attributes) {
            searchAttributes.addAll(attributes.getIndexedFieldsMap().keySet());
        } else if (value instanceof MarkerRecordedEventAttributes marker && marker.getMarkerName().equals("Version")) {
            searchAttributes.add("TemporalVersionMarker");
        } else if (value instanceof Header header) {
            headers.addAll(header.getFieldsMap().values());
        } else if (value instanceof Payload payload) {
            into.add(payload);
        } else if (value instanceof Message message) {
            message.getAllFields().values().forEach(v -> collectPayloads(v, into, searchAttributes, headers));
        } else if (value instanceof List<?> list) {
            list.forEach(v -> collectPayloads(v, into, searchAttributes, headers));
        }
    }
}
