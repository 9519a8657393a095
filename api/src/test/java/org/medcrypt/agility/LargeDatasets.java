package org.medcrypt.agility;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a large dataset, as a stream, from the documents of iCure's SDK dataset: its parties
 * once, then its entities over and over with fresh ids (each id suffixed with a counter), until
 * the file has at least the size asked for. The values are the fixture's as they are (an audit
 * without keys reads no value), so every copy is a v1 entity with iCure's shapes.
 */
final class LargeDatasets {

    private static final String[] COLLECTIONS = {"patients", "contacts", "forms", "healthElements"};

    private LargeDatasets() {
    }

    /** Writes the dataset to {@code file}; returns how many entities it holds. */
    static long write(Path file, long minimumBytes) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode fixture = mapper.readTree(IcureFixture.DATASET.toFile());
        long entities = 0;
        try (OutputStream out = Files.newOutputStream(file);
                JsonGenerator json = new JsonFactory(mapper).createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeFieldName("healthcareParties");
            json.writeTree(fixture.get("healthcareParties"));
            // one collection of the fixture's entities of every type, repeated: sizes grow in step
            long perRound = 0;
            for (String collection : COLLECTIONS) {
                perRound += fixture.get(collection).toString().length();
            }
            long rounds = Math.max(1, minimumBytes / perRound + 1);
            for (String collection : COLLECTIONS) {
                json.writeArrayFieldStart(collection);
                for (long round = 0; round < rounds; round++) {
                    for (JsonNode entity : fixture.get(collection)) {
                        ObjectNode copy = entity.deepCopy();
                        copy.put("id", entity.get("id").asText() + "-" + round);
                        json.writeTree(copy);
                        entities++;
                    }
                }
                json.writeEndArray();
            }
            json.writeEndObject();
        }
        return entities;
    }
}
