package dev.sluice.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Maintains {@code persons} and {@code person_distinct_ids} from newly stored events, inside the
 * transaction that stored them.
 *
 * <p>Events are applied in batch order, each at its {@code inserted_at}:
 * <ul>
 *   <li>a distinct id seen for the first time gets a new person, whose id is derived from (project,
 *       distinct id) so that replaying the same events gives the same persons;</li>
 *   <li>{@code $identify} with {@code properties.$anon_distinct_id} links the anonymous id to the
 *       identified person: when both ids already have different persons, the anonymous person is
 *       merged into the identified one (its properties fill gaps, its distinct ids move over, it is
 *       removed);</li>
 *   <li>{@code properties.$set} (on any event) overwrites properties, {@code properties.$set_once}
 *       sets only missing ones.</li>
 * </ul>
 * Every event that changes a person (its properties or distinct ids) raises its {@code version} by one
 * and sets {@code updated_at} to the event's {@code inserted_at}. Captures of one project are
 * serialised by a transaction-scoped advisory lock, so concurrent batches cannot both create a
 * person for the same distinct id.
 */
@Repository
class PersonStore {

    static final String IDENTIFY = "$identify";
    static final String ANON_DISTINCT_ID = "$anon_distinct_id";
    static final String SET = "$set";
    static final String SET_ONCE = "$set_once";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    PersonStore(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Applies the events (already stored, none seen before) to the project's persons; must run in the storing transaction. */
    PersonChanges apply(UUID projectId, List<EventRow> rows) {
        if (rows.isEmpty()) {
            return new PersonChanges(Map.of(), Set.of(), Set.of());
        }
        jdbc.queryForList("select pg_advisory_xact_lock(?)", projectId.getMostSignificantBits() ^ projectId.getLeastSignificantBits());
        List<ObjectNode> properties = new ArrayList<>(rows.size());
        Set<String> distinctIds = new LinkedHashSet<>();
        for (EventRow row : rows) {
            ObjectNode p = parse(row.propertiesJson());
            properties.add(p);
            distinctIds.add(row.distinctId());
            anonymousId(row, p).ifPresent(distinctIds::add);
        }
        Batch batch = load(projectId, distinctIds);
        Map<UUID, UUID> eventPersons = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            EventRow row = rows.get(i);
            PersonState person = batch.apply(row, properties.get(i));
            eventPersons.put(row.uuid(), person.id);
        }
        write(projectId, batch, eventPersons);
        Set<UUID> changed = new LinkedHashSet<>();
        batch.persons.values().stream().filter(p -> p.dirty).forEach(p -> changed.add(p.id));
        return new PersonChanges(eventPersons, changed, batch.removed);
    }

    private static Optional<String> anonymousId(EventRow row, ObjectNode properties) {
        if (!IDENTIFY.equals(row.event())) {
            return Optional.empty();
        }
        JsonNode anon = properties.get(ANON_DISTINCT_ID);
        if (anon == null || !anon.isTextual() || anon.asText().isBlank() || anon.asText().equals(row.distinctId())) {
            return Optional.empty();
        }
        return Optional.of(anon.asText());
    }

    private Batch load(UUID projectId, Set<String> distinctIds) {
        Batch batch = new Batch(projectId);
        String[] ids = distinctIds.toArray(String[]::new);
        jdbc.query(con -> {
            var ps = con.prepareStatement("select distinct_id, person_id from person_distinct_ids where project_id = ? and distinct_id = any(?)");
            ps.setObject(1, projectId);
            ps.setArray(2, con.createArrayOf("text", ids));
            return ps;
        }, rs -> {
            batch.distinctIds.put(rs.getString(1), rs.getObject(2, UUID.class));
        });
        UUID[] personIds = batch.distinctIds.values().stream().distinct().toArray(UUID[]::new);
        if (personIds.length > 0) {
            jdbc.query(con -> {
                var ps = con.prepareStatement("select id, properties::text, created_at, version, updated_at from persons"
                        + " where project_id = ? and id = any(?) for update");
                ps.setObject(1, projectId);
                ps.setArray(2, con.createArrayOf("uuid", personIds));
                return ps;
            }, rs -> {
                UUID id = rs.getObject(1, UUID.class);
                batch.persons.put(id, new PersonState(id, parse(rs.getString(2)), rs.getTimestamp(3).toInstant(), rs.getLong(4),
                        rs.getTimestamp(5).toInstant(), true));
            });
        }
        return batch;
    }

    private void write(UUID projectId, Batch batch, Map<UUID, UUID> eventPersons) {
        List<PersonState> dirty = batch.persons.values().stream().filter(p -> p.dirty).toList();
        jdbc.batchUpdate("""
                insert into persons (project_id, id, properties, created_at, version, updated_at) values (?, ?, ?::jsonb, ?, ?, ?)
                on conflict (project_id, id) do update set properties = excluded.properties, created_at = excluded.created_at,
                    version = excluded.version, updated_at = excluded.updated_at""", dirty, 1000, (ps, p) -> {
            ps.setObject(1, projectId);
            ps.setObject(2, p.id);
            ps.setString(3, write(p.properties));
            ps.setTimestamp(4, Timestamp.from(p.createdAt));
            ps.setLong(5, p.version);
            ps.setTimestamp(6, Timestamp.from(p.updatedAt));
        });
        for (Map.Entry<UUID, UUID> merge : batch.merges.entrySet()) {
            jdbc.update("update person_distinct_ids set person_id = ? where project_id = ? and person_id = ?",
                    merge.getValue(), projectId, merge.getKey());
            jdbc.update("delete from persons where project_id = ? and id = ?", projectId, merge.getKey());
        }
        List<Map.Entry<String, UUID>> links = batch.changedLinks.stream().map(d -> Map.entry(d, batch.distinctIds.get(d))).toList();
        jdbc.batchUpdate("""
                insert into person_distinct_ids (project_id, distinct_id, person_id) values (?, ?, ?)
                on conflict (project_id, distinct_id) do update set person_id = excluded.person_id""", links, 1000, (ps, link) -> {
            ps.setObject(1, projectId);
            ps.setString(2, link.getKey());
            ps.setObject(3, link.getValue());
        });
        UUID[] events = eventPersons.keySet().toArray(UUID[]::new);
        UUID[] persons = eventPersons.values().toArray(UUID[]::new);
        jdbc.execute((ConnectionCallback<Integer>) con -> {
            try (var ps = con.prepareStatement("update events e set person_id = v.person_id from unnest(?, ?) as v(uuid, person_id)"
                    + " where e.project_id = ? and e.uuid = v.uuid")) {
                Array eventArray = con.createArrayOf("uuid", events);
                Array personArray = con.createArrayOf("uuid", persons);
                ps.setArray(1, eventArray);
                ps.setArray(2, personArray);
                ps.setObject(3, projectId);
                return ps.executeUpdate();
            }
        });
    }

    private ObjectNode parse(String text) {
        try {
            JsonNode node = json.readTree(text);
            return node instanceof ObjectNode o ? o : json.createObjectNode();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored properties are a JSON object", e);
        }
    }

    private String write(ObjectNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("person properties are plain JSON", e);
        }
    }

    /** The persons and distinct ids one batch touches, changed in memory. */
    private final class Batch {

        final UUID projectId;
        final Map<String, UUID> distinctIds = new HashMap<>();
        final Map<UUID, PersonState> persons = new LinkedHashMap<>();
        final Set<String> changedLinks = new LinkedHashSet<>();
        /** Merged person → the person it was merged into, in merge order. */
        final Map<UUID, UUID> merges = new LinkedHashMap<>();
        final Set<UUID> removed = new LinkedHashSet<>();

        Batch(UUID projectId) {
            this.projectId = projectId;
        }

        PersonState apply(EventRow row, ObjectNode properties) {
            Instant at = row.insertedAt();
            PersonState person = anonymousId(row, properties)
                    .map(anon -> identify(row.distinctId(), anon, row))
                    .orElseGet(() -> personOf(row.distinctId(), row));
            boolean changed = false;
            JsonNode set = properties.get(SET);
            if (set instanceof ObjectNode values) {
                for (Iterator<Map.Entry<String, JsonNode>> it = values.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (!e.getValue().equals(person.properties.get(e.getKey()))) {
                        person.properties.set(e.getKey(), e.getValue());
                        changed = true;
                    }
                }
            }
            JsonNode setOnce = properties.get(SET_ONCE);
            if (setOnce instanceof ObjectNode values) {
                for (Iterator<Map.Entry<String, JsonNode>> it = values.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (!person.properties.has(e.getKey())) {
                        person.properties.set(e.getKey(), e.getValue());
                        changed = true;
                    }
                }
            }
            if (changed) {
                person.changed(at);
            }
            return person;
        }

        /** The person of a distinct id, created (version 0) when the id is new. */
        private PersonState personOf(String distinctId, EventRow row) {
            UUID id = distinctIds.get(distinctId);
            if (id != null) {
                return persons.get(id);
            }
            UUID newId = personId(distinctId);
            PersonState person = new PersonState(newId, json.createObjectNode(), row.timestamp(), -1, row.insertedAt(), false);
            persons.put(newId, person);
            person.changed(row.insertedAt());
            link(distinctId, newId);
            return person;
        }

        private PersonState identify(String distinctId, String anonId, EventRow row) {
            UUID identified = distinctIds.get(distinctId);
            UUID anonymous = distinctIds.get(anonId);
            Instant at = row.insertedAt();
            if (identified == null && anonymous == null) {
                PersonState person = personOf(distinctId, row);
                link(anonId, person.id);
                return person;
            }
            if (identified == null) {
                PersonState person = persons.get(anonymous);
                link(distinctId, anonymous);
                person.changed(at);
                return person;
            }
            PersonState person = persons.get(identified);
            if (anonymous == null) {
                link(anonId, identified);
                person.changed(at);
                return person;
            }
            if (!anonymous.equals(identified)) {
                merge(persons.remove(anonymous), person, at);
            }
            return person;
        }

        /** Moves {@code from}'s distinct ids to {@code into}; {@code into}'s properties win, {@code from}'s fill the gaps. */
        private void merge(PersonState from, PersonState into, Instant at) {
            for (Iterator<Map.Entry<String, JsonNode>> it = from.properties.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!into.properties.has(e.getKey())) {
                    into.properties.set(e.getKey(), e.getValue());
                }
            }
            if (from.createdAt.isBefore(into.createdAt)) {
                into.createdAt = from.createdAt;
            }
            into.version = Math.max(into.version, from.version);
            into.changed(at);
            for (Map.Entry<String, UUID> link : distinctIds.entrySet()) {
                if (link.getValue().equals(from.id)) {
                    link.setValue(into.id);
                    changedLinks.add(link.getKey());
                }
            }
            merges.replaceAll((merged, target) -> target.equals(from.id) ? into.id : target);
            if (from.stored) {
                merges.put(from.id, into.id);
                removed.add(from.id);
            }
        }

        private void link(String distinctId, UUID personId) {
            distinctIds.put(distinctId, personId);
            changedLinks.add(distinctId);
        }

        private UUID personId(String distinctId) {
            String name = "sluice-person/" + projectId + "/" + distinctId;
            return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
        }
    }
}
