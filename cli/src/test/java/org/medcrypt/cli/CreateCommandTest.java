package org.medcrypt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.medcrypt.json.MedcryptJson;

/**
 * {@code create} on the iCure fixture, as A with its iCure-made RSA key and a signing key of its
 * own: each type, with and without an id, in both suites; bad input is in {@link BadInputTest}.
 */
class CreateCommandTest {

    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

    /** The dataset collection and the encrypted field of each type. */
    private static final Map<String, List<String>> TYPES = Map.of(
            "patient", List.of("patients", "note"),
            "contact", List.of("contacts", "descr"),
            "form", List.of("forms", "descr"),
            "healthElement", List.of("healthElements", "note"));

    @TempDir
    Path folder;

    private Path dir;
    private Path dataset;
    private Path signing;

    @BeforeEach
    void fixture() {
        dir = Cli.fixture(folder);
        dataset = dir.resolve("dataset.json");
        signing = Cli.signingKey(dir, "A");
    }

    static Stream<Arguments> typesWithAndWithoutId() {
        List<Arguments> cases = new ArrayList<>();
        for (String type : List.of("patient", "contact", "form", "healthElement")) {
            cases.add(Arguments.of(type, true));
            cases.add(Arguments.of(type, false));
        }
        return cases.stream();
    }

    private Cli.Result create(String... more) {
        List<String> args = new ArrayList<>(List.of("create", "--dataset", dataset.toString(), "--as", "A",
                "--key", dir.resolve("A.pkcs8.hex").toString(), "--key", signing.toString()));
        args.addAll(List.of(more));
        return Cli.run(args);
    }

    @ParameterizedTest(name = "{0}, id given: {1}")
    @MethodSource("typesWithAndWithoutId")
    void createsEachTypeInV2ByDefaultKeepingAGivenIdOrAssigningAUuid(String type, boolean withId) {
        String collection = TYPES.get(type).get(0);
        String field = TYPES.get(type).get(1);
        String secret = "created " + type + ": chest pain";
        ObjectNode json = MedcryptJson.nodes().objectNode();
        if (withId) {
            json.put("id", "new-" + type);
        }
        json.put(field, secret);
        json.put("tags", "kept in clear");
        List<String> args = new ArrayList<>(List.of("--type", type, "--json", json.toString()));
        if (!type.equals("patient")) {
            args.addAll(List.of("--parent", "1234"));
        }

        Cli.Result result = create(args.toArray(String[]::new)).assertOk();

        String id = result.out().strip();
        assertThat(result.out().lines()).hasSize(1);
        if (withId) {
            assertThat(id).isEqualTo("new-" + type);
        } else {
            assertThat(id).matches(UUID);
        }
        assertThat(result.err()).contains("created", "'" + id + "'", "in format v2", "readable by 'A' only")
                .doesNotContain(secret);
        JsonNode stored = entity(collection, id);
        assertThat(stored.get("encryptedSelf").asText()).startsWith("mc2:");
        assertThat(stored.has(field)).as("the encrypted field is no longer in clear").isFalse();
        assertThat(stored.get("tags").asText()).isEqualTo("kept in clear");
        assertThat(Cli.text(dataset)).doesNotContain(secret).contains("\"rev\"", "\"specialityCodes\"");
        if (!type.equals("patient")) {
            assertThat(stored.get("secretForeignKeys")).hasSize(1);
            assertThat(stored.at("/cryptedForeignKeys/A/0/key").asText()).startsWith("mc2:");
        }

        Cli.Result read = Cli.run("decrypt", "--dataset", dataset.toString(), "--as", "A",
                "--key", dir.resolve("A.pkcs8.hex").toString(), "--id", id).assertOk();
        JsonNode out = MedcryptJson.parseObject(read.out(), "output");
        assertThat(out.at("/" + collection + "/0/" + field).asText()).isEqualTo(secret);
        assertThat(out.at("/encryption/0/type").asText()).isEqualTo(type);
        assertThat(out.at("/encryption/0/suite").asText()).isEqualTo("V2_GCM_OAEP256");
        assertThat(out.at("/encryption/0/unsignedPairKey").asBoolean()).isFalse();
        if (type.equals("contact")) {
            Cli.Result patient = Cli.run("patient-of", "--dataset", dataset.toString(), "--as", "A",
                    "--key", dir.resolve("A.pkcs8.hex").toString(), "--contact", id).assertOk();
            assertThat(MedcryptJson.parseObject(patient.out(), "output").get("id").asText()).isEqualTo("1234");
        }
    }

    @Test
    void aV1EntityIsInIcuresFormatAndCanBeSharedAndRead() {
        String id = create("--type", "contact", "--parent", "1234", "--suite", "v1",
                "--json", "{\"descr\":\"Follow-up: blood pressure\"}").assertOk().out().strip();
        JsonNode stored = entity("contacts", id);
        assertThat(stored.get("encryptedSelf").asText()).matches("[A-Za-z0-9+/=]+");
        assertThat(stored.at("/encryptionKeys/A/0/key").asText()).matches("[0-9a-f]+");

        Cli.run("share", "--dataset", dataset.toString(), "--as", "A", "--key", dir.resolve("A.pkcs8.hex").toString(),
                "--key", signing.toString(), "--with", "B", "--entity", id).assertOk();
        Cli.Result b = Cli.run("contacts-of", "--dataset", dataset.toString(), "--as", "B",
                "--key", dir.resolve("B.pem").toString(), "--patient", "1234").assertOk();
        JsonNode out = MedcryptJson.parseObject(b.out(), "output");
        assertThat(out.get("contacts")).hasSize(2);
        assertThat(out.at("/contacts/1/descr").asText()).isEqualTo("Follow-up: blood pressure");
        assertThat(out.at("/encryption/1/suite").asText()).isEqualTo("V1_ICURE");
        assertThat(out.at("/encryption/1/unsignedPairKey").asBoolean()).as("{A→B} is now signed by A").isFalse();
        assertThat(out.at("/encryption/0/unsignedPairKey").asBoolean()).as("4567, under iCure's {A→B}").isTrue();
    }

    @Test
    void theJsonMayBeAFile() throws IOException {
        Path json = dir.resolve("patient.json");
        Files.writeString(json, "{\n  \"firstName\": \"Emily\",\n  \"lastName\": \"Dickinson\",\n  \"note\": \"Migraine\"\n}\n");
        String id = create("--type", "patient", "--json", json.toString()).assertOk().out().strip();
        JsonNode stored = entity("patients", id);
        assertThat(stored.get("lastName").asText()).isEqualTo("Dickinson");
        Cli.Result read = Cli.run("decrypt", "--dataset", dataset.toString(), "--as", "A",
                "--key", dir.resolve("A.pkcs8.hex").toString(), "--id", id).assertOk();
        assertThat(read.out()).contains("Migraine");
    }

    @Test
    void theFirstCreateMakesASignedPairKeyAndPublishesTheSigningKey() {
        String printed = Cli.run("keygen", "--signing-only", "--id", "A", "--out", dir.toString(), "--force")
                .assertOk().out().strip();
        assertThat(Cli.publishedSigningKey(dataset, "A")).isEmpty();
        Cli.Result result = create("--type", "patient", "--json", "{\"note\":\"x\"}").assertOk();
        assertThat(result.err()).contains("created pair key {A→A}, signed by 'A'");
        assertThat(Cli.publishedSigningKey(dataset, "A")).contains(printed);
        // the second one reuses it
        assertThat(create("--type", "patient", "--json", "{\"note\":\"y\"}").assertOk().err()).doesNotContain("pair key");
    }

    @Test
    void aDatasetOfTheDemoTakesNewEntitiesOfEveryPartyThatCanReadThePatient() {
        Path out = folder.resolve("demo");
        Cli.run("demo", "--out", out.toString()).assertOk();
        Path demo = out.resolve("dataset.json");
        String id = Cli.run("create", "--dataset", demo.toString(), "--as", "B", "--key", out.resolve("B.key").toString(),
                "--type", "healthElement", "--parent", "1234", "--json", "{\"note\":\"Asthma\"}").assertOk().out().strip();
        Cli.Result b = Cli.run("decrypt", "--dataset", demo.toString(), "--as", "B", "--key", out.resolve("B.key").toString(),
                "--id", id).assertOk();
        assertThat(MedcryptJson.parseObject(b.out(), "output").at("/healthElements/0/note").asText()).isEqualTo("Asthma");
        // not shared with A yet
        Cli.run("decrypt", "--dataset", demo.toString(), "--as", "A", "--key", out.resolve("A.key").toString(), "--id", id)
                .assertFails(ExitCodes.ACCESS_DENIED);
    }

    private JsonNode entity(String collection, String id) {
        for (JsonNode entity : MedcryptJson.parseObject(Cli.bytes(dataset), "dataset").get(collection)) {
            if (entity.get("id").asText().equals(id)) {
                return entity;
            }
        }
        throw new AssertionError("no " + collection + " " + id);
    }
}
