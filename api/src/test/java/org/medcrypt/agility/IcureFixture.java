package org.medcrypt.agility;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The dataset iCure's SDK made (provider-tck's fixture), read in place as a plain Jackson tree. */
final class IcureFixture {

    static final Path FOLDER = Path.of("../provider-tck/src/main/resources/org/medcrypt/tck/fixtures/icure-v1");
    static final Path DATASET = FOLDER.resolve("dataset.json");

    private IcureFixture() {
    }

    static JsonNode tree(Path file) {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
