package org.medcrypt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.medcrypt.json.MedcryptJson;
import org.medcrypt.model.EntityType;

/**
 * {@code decrypt}, {@code contacts-of} and {@code patient-of} on the dataset made by iCure's own
 * SDK (provider-tck's icure-v1 fixture), checked against its {@code expected.json}.
 */
class IcureFixtureTest {

    @TempDir
    Path folder;

    static Stream<Arguments> readers() {
        return Stream.of(
                Arguments.of("A", List.of("A.pkcs8.hex")),
                Arguments.of("B", List.of("B.pkcs8.hex")),
                Arguments.of("B", List.of("B.pem")),
                Arguments.of("C", List.of("C.pkcs8.hex", "C-old.pkcs8.hex")),
                Arguments.of("C", List.of("C-old.pkcs8.hex", "C.pkcs8.hex")),
                Arguments.of("D", List.of("D.pkcs8.hex")));
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("readers")
    void decryptShowsWhatIcureWroteForEachReader(String party, List<String> keyFiles) {
        Path dir = Cli.fixture(folder);
        List<String> args = new ArrayList<>(List.of("decrypt", "--dataset", dir.resolve("dataset.json").toString(), "--as", party));
        keyFiles.forEach(key -> args.addAll(List.of("--key", dir.resolve(key).toString())));

        Cli.Result result = Cli.run(args).assertOk();

        assertMatchesExpected(result.out(), expected(dir).get(party));
    }

    @ParameterizedTest(name = "provider {0}")
    @ValueSource(strings = {"jca", "accp", "conscrypt", "bouncycastle", "tink"})
    void everyProviderReadsTheFixture(String provider) {
        Path dir = Cli.fixture(folder);
        Cli.Result result = Cli.run("decrypt", "--provider", provider, "--dataset", dir.resolve("dataset.json").toString(),
                "--as", "C", "--key", dir.resolve("C.pkcs8.hex").toString(), "--key", dir.resolve("C-old.pkcs8.hex").toString())
                .assertOk();
        assertMatchesExpected(result.out(), expected(dir).get("C"));
    }

    @Test
    void decryptSaysEachEntityIsV1ReadUnderAPairKeyIcureLeftUnsigned() {
        Path dir = Cli.fixture(folder);
        Cli.Result result = Cli.run("decrypt", "--dataset", dir.resolve("dataset.json").toString(), "--as", "B",
                "--key", dir.resolve("B.pkcs8.hex").toString()).assertOk();
        JsonNode encryption = MedcryptJson.parseObject(result.out(), "output").get("encryption");
        assertThat(encryption).hasSize(4);
        List<String> seen = new ArrayList<>();
        for (JsonNode entity : encryption) {
            seen.add(entity.get("type").asText() + " " + entity.get("id").asText());
            assertThat(entity.get("suite").asText()).isEqualTo("V1_ICURE");
            assertThat(entity.get("unsignedPairKey").asBoolean()).isTrue();
        }
        assertThat(seen).containsExactly("patient 1234", "contact 4567", "form F-1", "healthElement HE-1");
        assertThat(result.err().strip().lines()).hasSize(1);
        assertThat(result.err()).startsWith("medcrypt: note: read under unsigned v1 pair keys")
                .contains("patient '1234', contact '4567', form 'F-1', health element 'HE-1'");

        Cli.Result contacts = Cli.run("contacts-of", "--dataset", dir.resolve("dataset.json").toString(), "--as", "B",
                "--key", dir.resolve("B.pkcs8.hex").toString(), "--patient", "1234").assertOk();
        assertThat(MedcryptJson.parseObject(contacts.out(), "output").at("/encryption/0/unsignedPairKey").asBoolean()).isTrue();
        assertThat(contacts.err()).contains("contact '4567'");
    }

    @Test
    void decryptOneEntityById() {
        Path dir = Cli.fixture(folder);
        Cli.Result result = Cli.run("decrypt", "--dataset", dir.resolve("dataset.json").toString(), "--as", "B",
                "--key", dir.resolve("B.pem").toString(), "--id", "HE-1").assertOk();
        JsonNode out = MedcryptJson.parseObject(result.out(), "output");
        assertThat(out.get("patients")).isEmpty();
        assertThat(out.get("healthElements")).hasSize(1);
        assertThat(out.get("healthElements").get(0).get("note").asText())
                .isEqualTo(expected(dir).at("/B/healthElements/HE-1/decrypted/note").asText());
    }

    @Test
    void contactsOfAPatient() {
        Path dir = Cli.fixture(folder);
        Cli.Result result = Cli.run("contacts-of", "--dataset", dir.resolve("dataset.json").toString(), "--as", "B",
                "--key", dir.resolve("B.pkcs8.hex").toString(), "--patient", "1234").assertOk();
        JsonNode contacts = MedcryptJson.parseObject(result.out(), "output").get("contacts");
        assertThat(contacts).hasSize(1);
        assertThat(contacts.get(0).get("id").asText()).isEqualTo("4567");
        assertThat(contacts.get(0).get("descr").asText())
                .isEqualTo(expected(dir).at("/B/contacts/4567/decrypted/descr").asText());
    }

    @Test
    void patientOfAContactAfterKeyRotation() {
        Path dir = Cli.fixture(folder);
        Cli.Result result = Cli.run("patient-of", "--dataset", dir.resolve("dataset.json").toString(), "--as", "C",
                "--key", dir.resolve("C.pkcs8.hex").toString(), "--key", dir.resolve("C-old.pkcs8.hex").toString(),
                "--contact", "4567").assertOk();
        JsonNode patient = MedcryptJson.parseObject(result.out(), "output");
        assertThat(patient.get("id").asText()).isEqualTo("1234");
        assertThat(patient.get("note").asText()).isEqualTo(expected(dir).at("/C/patients/1234/decrypted/note").asText());
    }

    @Test
    void withoutItsOldKeyCIsToldThatItsKeysDoNotOpenWhatWasSharedWithIt() {
        Path dir = Cli.fixture(folder);
        Cli.Result result = Cli.run("decrypt", "--dataset", dir.resolve("dataset.json").toString(), "--as", "C",
                "--key", dir.resolve("C.pkcs8.hex").toString());
        result.assertFails(ExitCodes.CRYPTO_FAILURE);
        assertThat(result.err()).contains("decryption failed", "old keys");
        assertThat(result.out()).isEmpty();
    }

    private static ObjectNode expected(Path dir) {
        return MedcryptJson.parseObject(Cli.bytes(dir.resolve("expected.json")), "expected.json");
    }

    /** Same entities as expected, and each decrypted field with the expected value. */
    static void assertMatchesExpected(String output, JsonNode expected) {
        JsonNode out = MedcryptJson.parseObject(output, "decrypt output");
        for (EntityType type : EntityType.values()) {
            JsonNode expectedOfType = expected.get(type.collection());
            Set<String> ids = new TreeSet<>();
            out.get(type.collection()).forEach(entity -> ids.add(entity.get("id").asText()));
            assertThat(ids).as(type.collection()).isEqualTo(new TreeSet<>(names(expectedOfType)));
            for (JsonNode entity : out.get(type.collection())) {
                JsonNode decrypted = expectedOfType.get(entity.get("id").asText()).get("decrypted");
                for (Map.Entry<String, JsonNode> field : decrypted.properties()) {
                    assertThat(entity.get(field.getKey())).as(entity.get("id") + "." + field.getKey())
                            .isEqualTo(field.getValue());
                }
            }
        }
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
