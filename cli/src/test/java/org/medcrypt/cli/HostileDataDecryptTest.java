package org.medcrypt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medcrypt.internal.format.V1IcureFormat;
import org.medcrypt.json.MedcryptJson;
import org.medcrypt.model.EntityType;
import org.medcrypt.provider.jca.JcaCryptoProvider;

/**
 * A store that writes what it likes into the dataset, against {@code decrypt}: a junk delegation
 * addressed to the reader hides nothing else, an {@code encryptedSelf} that decrypts to fields
 * medcrypt manages fails exactly as one that does not decrypt (no oracle on CBC), and control and
 * bidirectional characters a store put in ids and decrypted fields reach no terminal.
 */
class HostileDataDecryptTest {

    @TempDir
    Path folder;

    private Path dir;

    private Path dataset() {
        return dir.resolve("dataset.json");
    }

    private Cli.Result decryptAsB(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("decrypt", "--dataset", dataset().toString(), "--as", "B",
                "--key", dir.resolve("B.pkcs8.hex").toString()));
        args.addAll(List.of(more));
        return Cli.run(args);
    }

    private void edit(Consumer<ObjectNode> change) {
        ObjectNode document = MedcryptJson.parseObject(Cli.bytes(dataset()), "dataset");
        change.accept(document);
        try {
            Files.write(dataset(), MedcryptJson.toPrettyString(document).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A patient the store made up, with one hex-valid delegation and content key for B that open nothing. */
    private static ObjectNode junkPatient(String id) {
        ObjectNode patient = MedcryptJson.nodes().objectNode();
        patient.put("id", id);
        patient.put("firstName", "Junk");
        for (String map : List.of("delegations", "encryptionKeys")) {
            ObjectNode byDelegate = patient.putObject(map);
            ObjectNode entry = byDelegate.putArray("B").addObject();
            entry.put("owner", "A");
            entry.put("delegatedTo", "B");
            entry.put("key", "0123456789abcdef".repeat(6)); // 48 bytes of hex: an IV and two AES blocks
        }
        patient.putObject("cryptedForeignKeys");
        patient.putArray("secretForeignKeys");
        return patient;
    }

    // ---------------------------------------------------------------- one bad entry hides everything (issue 9, item 7)

    @Test
    void aJunkDelegationForTheReaderHidesNothingElse() {
        dir = Cli.fixture(folder);
        edit(d -> ((ArrayNode) d.get("patients")).add(junkPatient("P-junk")));

        Cli.Result result = decryptAsB();

        assertThat(result.exitCode()).as("stderr: %s", result.err()).isEqualTo(ExitCodes.PARTIAL);
        IcureFixtureTest.assertMatchesExpected(result.out(), MedcryptJson.parseObject(
                Cli.bytes(dir.resolve("expected.json")), "expected").get("B"));
        assertThat(result.err()).contains("decryption failed for 1 entity addressed to 'B'", "patient 'P-junk'");
        assertThat(result.err()).doesNotContain("\tat ", "Exception");
    }

    @Test
    void manyJunkEntitiesAreCountedAndListedShortly() {
        dir = Cli.fixture(folder);
        edit(d -> {
            for (int i = 0; i < 20; i++) {
                ((ArrayNode) d.get("patients")).add(junkPatient("P-junk-" + i));
            }
        });

        Cli.Result result = decryptAsB();

        assertThat(result.exitCode()).isEqualTo(ExitCodes.PARTIAL);
        assertThat(MedcryptJson.parseObject(result.out(), "output").get("patients")).hasSize(1);
        assertThat(result.err()).contains("decryption failed for 20 entities addressed to 'B'", "P-junk-0", "and 8 more");
    }

    @Test
    void whenNothingAddressedToTheReaderCanBeReadItIsACryptoFailure() {
        dir = Cli.fixture(folder);
        edit(d -> {
            for (String type : List.of("patients", "contacts", "forms", "healthElements")) {
                d.putArray(type);
            }
            ((ArrayNode) d.get("patients")).add(junkPatient("P-junk"));
        });

        Cli.Result result = decryptAsB();

        assertThat(result.exitCode()).isEqualTo(ExitCodes.CRYPTO_FAILURE);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains("decryption failed for 1 entity addressed to 'B'", "patient 'P-junk'");
    }

    @Test
    void aJunkEntityAskedForByIdIsStillAnError() {
        dir = Cli.fixture(folder);
        edit(d -> ((ArrayNode) d.get("patients")).add(junkPatient("P-junk")));

        decryptAsB("--id", "P-junk").assertFails(ExitCodes.CRYPTO_FAILURE);
    }

    @Test
    void contactsOfSkipsAJunkContactAndSaysSo() {
        dir = Cli.fixture(folder);
        // B writes a second contact of the patient; the store spoils the content of the first
        Path signing = Cli.signingKey(dir, "B");
        String created = Cli.run("create", "--dataset", dataset().toString(), "--as", "B", "--key",
                dir.resolve("B.pkcs8.hex").toString(), "--key", signing.toString(), "--type", "contact",
                "--parent", "1234", "--json", "{\"descr\":\"follow-up\"}").assertOk().out().strip();
        edit(d -> ((ObjectNode) d.at("/contacts/0")).put("encryptedSelf", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="));

        Cli.Result result = Cli.run("contacts-of", "--dataset", dataset().toString(), "--as", "B",
                "--key", dir.resolve("B.pkcs8.hex").toString(), "--patient", "1234");

        assertThat(result.exitCode()).as("stderr: %s", result.err()).isEqualTo(ExitCodes.PARTIAL);
        JsonNode contacts = MedcryptJson.parseObject(result.out(), "output").get("contacts");
        assertThat(contacts).hasSize(1);
        assertThat(contacts.get(0).get("id").asText()).isEqualTo(created);
        assertThat(contacts.get(0).get("descr").asText()).isEqualTo("follow-up");
        assertThat(result.err()).contains("decryption failed for 1 entity addressed to 'B'", "contact '4567'");
    }

    // ---------------------------------------------------------------- the managed-field oracle (issue 9, item 9)

    /** The contact's encryptedSelf replaced by {@code json} encrypted under its real content key (from expected.json). */
    private void contactEncryptedSelfDecryptingTo(String json) {
        String contentKey = MedcryptJson.parseObject(Cli.bytes(dir.resolve("expected.json")), "expected")
                .at("/B/contacts/4567/encryptionKeys/0").asText();
        String encryptedSelf = new V1IcureFormat(JcaCryptoProvider.create())
                .encryptContent(contentKey, EntityType.CONTACT, "4567", json.getBytes(StandardCharsets.UTF_8));
        edit(d -> ((ObjectNode) d.at("/contacts/0")).put("encryptedSelf", encryptedSelf));
    }

    @Test
    void decryptedFieldsMedcryptManagesFailLikeAFailedDecryption() {
        dir = Cli.fixture(folder);
        contactEncryptedSelfDecryptingTo("not JSON at all");
        Cli.Result garbage = decryptAsB("--id", "4567").assertFails(ExitCodes.CRYPTO_FAILURE);

        for (String managed : List.of("{\"descr\":\"x\",\"id\":\"1234\"}", "{\"delegations\":{}}",
                "{\"secretForeignKeys\":{\"B\":[]}}", "{\"encryptedSelf\":\"AAAA\"}")) {
            dir = Cli.fixture(folder); // a fresh copy of the dataset
            contactEncryptedSelfDecryptingTo(managed);

            Cli.Result result = decryptAsB("--id", "4567").assertFails(ExitCodes.CRYPTO_FAILURE);

            assertThat(result.err()).as(managed).isEqualTo(garbage.err());
        }
    }

    @Test
    void theSameHoldsWithoutId() {
        dir = Cli.fixture(folder);
        contactEncryptedSelfDecryptingTo("{\"id\":\"1234\"}");

        Cli.Result result = decryptAsB();

        assertThat(result.exitCode()).isEqualTo(ExitCodes.PARTIAL);
        assertThat(result.err()).contains("contact '4567'").doesNotContain("manage", "[id]");
    }

    @Test
    void aWellFormedReplacementIsReadAsBefore() {
        // the control: the forged encryptedSelf itself is accepted when it holds ordinary fields
        dir = Cli.fixture(folder);
        contactEncryptedSelfDecryptingTo("{\"descr\":\"rewritten\"}");

        Cli.Result result = decryptAsB("--id", "4567").assertOk();

        assertThat(MedcryptJson.parseObject(result.out(), "output").at("/contacts/0/descr").asText()).isEqualTo("rewritten");
    }

    // ---------------------------------------------------------------- control and bidi characters (terminal safety)

    private static final String HOSTILE = "ok\u001b[2J\u009b31m\u202egnp.exe\u2066x\u007f";

    @Test
    void decryptedFieldsWithTerminalControlsAreEscapedInTheJsonOutput() {
        dir = Cli.fixture(folder);
        contactEncryptedSelfDecryptingTo("{\"descr\":\"" + HOSTILE.replace("\u001b", "\\u001b") + "\"}");

        Cli.Result result = decryptAsB("--id", "4567").assertOk();

        assertNoControls(result.out());
        // the same string to a JSON reader
        assertThat(MedcryptJson.parseObject(result.out(), "output").at("/contacts/0/descr").asText()).isEqualTo(HOSTILE);
    }

    @Test
    void idsWithTerminalControlsAreEscapedOnStdoutAndStderr() {
        dir = Cli.fixture(folder);
        edit(d -> ((ArrayNode) d.get("patients")).add(junkPatient("P" + HOSTILE)));
        // and a readable entity whose clear fields a store rewrote
        edit(d -> ((ObjectNode) d.at("/patients/0")).put("lastName", HOSTILE));

        Cli.Result result = decryptAsB();

        assertThat(result.exitCode()).isEqualTo(ExitCodes.PARTIAL);
        assertNoControls(result.out());
        assertNoControls(result.err());
        assertThat(result.err()).contains("P" + org.medcrypt.agility.AuditMarkdown.printable(HOSTILE));
        assertThat(MedcryptJson.parseObject(result.out(), "output").at("/patients/0/lastName").asText()).isEqualTo(HOSTILE);

        Cli.Result contacts = Cli.run("contacts-of", "--dataset", dataset().toString(), "--as", "B",
                "--key", dir.resolve("B.pkcs8.hex").toString(), "--patient", "1234").assertOk();
        assertNoControls(contacts.out());
        Cli.Result patient = Cli.run("patient-of", "--dataset", dataset().toString(), "--as", "B",
                "--key", dir.resolve("B.pkcs8.hex").toString(), "--contact", "4567").assertOk();
        assertNoControls(patient.out());
        assertThat(patient.out()).contains("\\u202E");
    }

    static void assertNoControls(String text) {
        String withoutLineBreaks = text.replace("\n", "").replace("\r", "");
        assertThat(withoutLineBreaks.chars().filter(c -> c < 0x20 || c >= 0x7f && c <= 0x9f || c == 0x061c
                || c == 0x200e || c == 0x200f || c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069).count())
                .as("control or bidi characters in: %s", text).isZero();
    }
}
