package org.medcrypt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.cyclonedx.Version;
import org.cyclonedx.parsers.JsonParser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code medcrypt audit} and {@code providers --format cbom}, end to end in this JVM. */
class AuditCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] COLLECTIONS = {"patients", "contacts", "forms", "healthElements"};

    @TempDir
    Path folder;

    private Path fixture;
    private JsonNode expected;

    @BeforeEach
    void copyFixture() throws Exception {
        fixture = Cli.fixture(folder);
        expected = JSON.readTree(fixture.resolve("expected.json").toFile());
    }

    @Test
    void keylessAuditOfTheDemoDatasetInEachFormat() throws Exception {
        Path demo = folder.resolve("demo");
        Cli.run("demo", "--out", demo.toString()).assertOk();
        Path dataset = demo.resolve("dataset.json");
        byte[] before = Files.readAllBytes(dataset);

        String markdown = Cli.run("audit", "--dataset", dataset.toString()).assertOk().out();
        assertThat(markdown).startsWith("# medcrypt audit").contains("## Parties and their keys", "## Pair keys",
                "## v1 debt", "## Quantum-vulnerable assets", "NIST IR 8547", "## Structural anomalies");

        JsonNode json = JSON.readTree(Cli.run("audit", "--dataset", dataset.toString(), "--format", "json").assertOk().out());
        JsonNode document = JSON.readTree(dataset.toFile());
        assertThat(json.at("/totals/parties").asInt()).isEqualTo(document.get("healthcareParties").size());
        int entities = 0;
        for (String collection : COLLECTIONS) {
            entities += document.path(collection).size();
        }
        assertThat(json.at("/totals/entities").asInt()).isEqualTo(entities);
        assertThat(json.at("/v1Debt/entities").asInt()).isZero(); // the demo writes v2
        assertThat(json.get("access")).isNull();

        String cbom = Cli.run("audit", "--dataset", dataset.toString(), "--format", "cbom").assertOk().out();
        assertThat(new JsonParser().validate(cbom.getBytes(StandardCharsets.UTF_8), Version.VERSION_16)).isEmpty();
        assertThat(cbom).contains("\"cryptographic-asset\"", "AES-256-GCM", "medcrypt v2");
        assertThat(Files.readAllBytes(dataset)).as("the audit writes nothing").isEqualTo(before);
    }

    @Test
    void withAPartysKeysItSaysWhatThatPartyOpensAsIcuresSdkReadersDo() throws Exception {
        for (String reader : List.of("A", "B", "C", "D")) {
            List<String> args = new ArrayList<>(List.of("audit", "--dataset", fixture.resolve("dataset.json").toString(),
                    "--format", "json", "--as", reader, "--key", fixture.resolve(reader + ".pkcs8.hex").toString()));
            if (reader.equals("C")) {
                args.addAll(List.of("--key", fixture.resolve("C-old.pkcs8.hex").toString()));
            }
            JsonNode access = JSON.readTree(Cli.run(args).assertOk().out()).get("access");
            Set<String> readable = readableIn(expected.get(reader));
            assertThat(access.get("openedTotal").asInt()).as(reader).isEqualTo(readable.size());
            Set<String> failed = new TreeSet<>();
            access.get("failures").forEach(f -> f.get("ids").forEach(id -> failed.add(id.asText())));
            Set<String> all = new TreeSet<>(failed);
            all.addAll(readable);
            assertThat(all).as(reader).hasSize(4); // every entity either opens or fails, never both
            assertThat(failed).as(reader).hasSize(4 - readable.size());
            // iCure's SDK signs nothing: every entity opened was read under an unsigned pair key
            assertThat(access.get("openedUnderUnsignedPairKeys")).hasSize(readable.size());
            access.get("pairKeys").forEach(key -> assertThat(key.get("status").asText()).isIn("unsigned", "notUnwrapped"));
        }
    }

    @Test
    void aPartyWithoutItsOldKeySeesWhyItsDataDoesNotOpen() throws Exception {
        JsonNode access = JSON.readTree(Cli.run("audit", "--dataset", fixture.resolve("dataset.json").toString(),
                "--format", "json", "--as", "C", "--key", fixture.resolve("C.pkcs8.hex").toString()).assertOk().out())
                .get("access");
        assertThat(access.get("openedTotal").asInt()).isZero();
        JsonNode failures = access.get("failures");
        assertThat(failures).hasSize(2);
        assertThat(failures.get(0).get("reason").asText()).isEqualTo("notShared");
        assertThat(failures.get(0).get("ids")).extracting(JsonNode::asText).containsExactly("F-1");
        assertThat(failures.get(1).get("reason").asText()).isEqualTo("pairKeyNotUnwrapped");
        Set<String> ids = new TreeSet<>();
        failures.get(1).get("ids").forEach(id -> ids.add(id.asText()));
        assertThat(ids).isEqualTo(readableIn(expected.get("C")));
        // the one copy for C is wrapped for C's old key, which was not given
        assertThat(access.get("pairKeys")).singleElement().satisfies(key -> {
            assertThat(key.get("status").asText()).isEqualTo("notUnwrapped");
            assertThat(key.get("forKey").asText()).isEqualTo(oldFingerprintOfC());
        });
    }

    @Test
    void eachReasonOfFailureIsToldApart() throws Exception {
        Path demo = folder.resolve("demo");
        Cli.run("demo", "--out", demo.toString()).assertOk();
        Path dataset = demo.resolve("dataset.json");
        com.fasterxml.jackson.databind.node.ObjectNode original =
                (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(dataset.toFile());

        // A's signature of its pair key with B altered: the key unwraps for B but is refused
        var signed = original.deepCopy();
        var entryAB = (com.fasterxml.jackson.databind.node.ObjectNode) party(signed, "A").get("medcryptPairKeys").get("B").get(0);
        entryAB.put("signature", altered(entryAB.get("signature").asText()));
        JsonNode b = access(demo, signed, "B");
        assertThat(reasons(b)).containsExactly("pairKeyRejected");
        assertThat(b.get("pairKeys")).singleElement().satisfies(k -> assertThat(k.get("status").asText()).isEqualTo("rejected"));

        // A's pair key with C gone: C's entries name a pair key that is not there
        var noKey = original.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) party(noKey, "A").get("medcryptPairKeys")).remove("C");
        assertThat(reasons(access(demo, noKey, "C"))).containsExactly("noPairKey");

        // B's content key of the patient altered: the pair key is fine, the value does not open
        var value = original.deepCopy();
        var entry = (com.fasterxml.jackson.databind.node.ObjectNode) value.get("patients").get(0).get("encryptionKeys").get("B").get(0);
        entry.put("key", altered(entry.get("key").asText()));
        JsonNode valueAccess = access(demo, value, "B");
        assertThat(reasons(valueAccess)).containsExactly("valueDoesNotOpen");
        assertThat(valueAccess.get("openedTotal").asInt()).isEqualTo(1);

        // only the patient's content key entry for B removed: its content was never shared with B
        var noContentKey = original.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) noContentKey.get("patients").get(0).get("encryptionKeys")).remove("B");
        JsonNode noContentKeyAccess = access(demo, noContentKey, "B");
        assertThat(reasons(noContentKeyAccess)).containsExactly("notShared");
        assertThat(noContentKeyAccess.get("failures").get(0).get("ids")).extracting(JsonNode::asText)
                .containsExactly(original.get("patients").get(0).get("id").asText());

        // the contact's encryptedSelf altered: its keys open, its content does not
        var content = original.deepCopy();
        var contact = (com.fasterxml.jackson.databind.node.ObjectNode) content.get("contacts").get(0);
        contact.put("encryptedSelf", altered(contact.get("encryptedSelf").asText()));
        assertThat(reasons(access(demo, content, "B"))).containsExactly("contentDoesNotOpen");
    }

    private JsonNode access(Path demo, JsonNode dataset, String party) throws Exception {
        Path file = demo.resolve("changed.json");
        JSON.writeValue(file.toFile(), dataset);
        return JSON.readTree(Cli.run("audit", "--dataset", file.toString(), "--format", "json", "--as", party,
                "--key", demo.resolve(party + ".key").toString()).assertOk().out()).get("access");
    }

    private static List<String> reasons(JsonNode access) {
        List<String> reasons = new ArrayList<>();
        access.get("failures").forEach(f -> reasons.add(f.get("reason").asText()));
        return reasons;
    }

    private static JsonNode party(JsonNode dataset, String id) {
        for (JsonNode party : dataset.get("healthcareParties")) {
            if (party.get("id").asText().equals(id)) {
                return party;
            }
        }
        throw new AssertionError("no party " + id);
    }

    /** The value with one base64url digit in its middle changed (still a well-formed envelope). */
    private static String altered(String value) {
        int at = value.length() / 2;
        char replacement = value.charAt(at) == 'A' ? 'B' : 'A';
        return value.substring(0, at) + replacement + value.substring(at + 1);
    }

    @Test
    void nothingSecretIsPrinted() throws Exception {
        String keyHex = Files.readString(fixture.resolve("A.pkcs8.hex")).strip();
        for (String format : List.of("markdown", "json", "cbom")) {
            Cli.Result result = Cli.run("audit", "--dataset", fixture.resolve("dataset.json").toString(), "--format", format,
                    "--as", "A", "--key", fixture.resolve("A.pkcs8.hex").toString()).assertOk();
            // no private key, no decrypted content key or plaintext
            assertThat(result.out() + result.err()).doesNotContain(keyHex.substring(keyHex.length() - 64),
                    "Allergic to penicillin", "b5d34eec-235d-4d57-b464-430abfdbf01f");
        }
    }

    @Test
    void badInputIsOneLineWithItsExitCode() {
        String dataset = fixture.resolve("dataset.json").toString();
        Cli.run("audit", "--dataset", folder.resolve("missing.json").toString()).assertFails(ExitCodes.BAD_INPUT);
        Cli.run("audit", "--dataset", folder.toString()).assertFails(ExitCodes.BAD_INPUT);
        Cli.run("audit", "--dataset", dataset, "--as", "A").assertFails(ExitCodes.USAGE);
        Cli.run("audit", "--dataset", dataset, "--key", fixture.resolve("A.pkcs8.hex").toString())
                .assertFails(ExitCodes.USAGE);
        Cli.run("audit", "--dataset", dataset, "--format", "xml").assertFails(ExitCodes.USAGE);
        Cli.run("audit", "--dataset", dataset, "--as", "Z", "--key", fixture.resolve("A.pkcs8.hex").toString())
                .assertFails(ExitCodes.BAD_INPUT);
        // B's key given as A's: someone else's key fails clearly
        Cli.run("audit", "--dataset", dataset, "--as", "A", "--key", fixture.resolve("B.pkcs8.hex").toString())
                .assertFails(ExitCodes.BAD_INPUT);
        String keyHex = Cli.text(fixture.resolve("A.pkcs8.hex")).strip();
        assertThat(Cli.run("audit", "--dataset", fixture.resolve("A.pkcs8.hex").toString()).assertFails(ExitCodes.BAD_INPUT)
                .err()).contains("is not valid JSON").doesNotContain(keyHex.substring(0, 12), keyHex.substring(40, 72));
        Cli.run("audit", "--dataset", dataset, "--as", "A", "--key", fixture.resolve("A.pkcs8.hex").toString(),
                "--provider", "nosuch").assertFails(ExitCodes.PROVIDER_PROBLEM);
    }

    @Test
    void aHostileDatasetIsOneLineWithItsExitCode() throws Exception {
        Path deep = folder.resolve("deep.json");
        Files.writeString(deep, "{\"contacts\": [{\"id\": \"X\", \"junk\": " + "[".repeat(200_000) + "]".repeat(200_000) + "}]}");
        for (List<String> keys : List.of(List.<String>of(),
                List.of("--as", "A", "--key", fixture.resolve("A.pkcs8.hex").toString()))) {
            List<String> args = new ArrayList<>(List.of("audit", "--dataset", deep.toString()));
            args.addAll(keys);
            Cli.Result result = Cli.run(args).assertFails(ExitCodes.BAD_INPUT);
            assertThat(result.err().strip()).doesNotContain("\n").startsWith("medcrypt: dataset file " + deep
                    + " is over a limit of the audit: Document nesting depth (201) exceeds the maximum allowed (200");
        }
    }

    @Test
    void controlCharactersOfTheDatasetDoNotReachTheTerminal() throws Exception {
        // party D's id carries an escape sequence (OSC: set the window title; CSI: clear the screen) and a bidi override
        String hostile = "D\u001b]0;owned\u0007\u001b[2J\u202e";
        String text = Files.readString(fixture.resolve("dataset.json")).replace("\"D\"", JSON.writeValueAsString(hostile));
        Path dataset = Files.writeString(folder.resolve("hostile.json"), text);
        for (String format : List.of("markdown", "json", "cbom")) {
            Cli.Result result = Cli.run("audit", "--dataset", dataset.toString(), "--format", format).assertOk();
            assertThat(result.out() + result.err()).doesNotContain("\u001b", "\u0007", "\u202e");
        }
        assertThat(Cli.run("audit", "--dataset", dataset.toString()).out()).contains("D\\u001B]0;owned\\u0007\\u001B[2J\\u202E");
        // an error that lists the dataset's parties
        Cli.Result missing = Cli.run("audit", "--dataset", dataset.toString(), "--as", "Z", "--key",
                fixture.resolve("A.pkcs8.hex").toString()).assertFails(ExitCodes.BAD_INPUT);
        assertThat(missing.err()).contains("D\\u001B]0;owned").doesNotContain("\u001b", "\u0007", "\u202e");
    }

    @Test
    void longRunsPrintAProgressLineEveryTwoSeconds() {
        java.io.StringWriter err = new java.io.StringWriter();
        long[] now = {0};
        var progress = AuditCommand.progress(new java.io.PrintWriter(err, true), 400L << 20, () -> now[0]);
        progress.report(10L << 20, 4096); // at 0 s: quiet
        now[0] = 1_000_000_000L;
        progress.report(20L << 20, 8192); // 1 s: quiet
        now[0] = 2_500_000_000L;
        progress.report(100L << 20, 40_960); // 2.5 s: a line
        now[0] = 3_000_000_000L;
        progress.report(120L << 20, 45_056); // 0.5 s after the last line: quiet
        now[0] = 4_600_000_000L;
        progress.report(200L << 20, 81_920); // a line
        assertThat(err.toString().lines()).containsExactly(
                "medcrypt: audit: 100 of 400 MB read (25 %), 40,960 entities, 3 s",
                "medcrypt: audit: 200 of 400 MB read (50 %), 81,920 entities, 5 s");
    }

    @Test
    void providersAsACbom() {
        String cbom = Cli.run("providers", "--format", "cbom").assertOk().out();
        assertThat(cbom).contains("\"specVersion\" : \"1.6\"", "\"provider/jca\"", "\"provider/tink\"", "cryptographic-asset");
        assertThat(Cli.run("providers").assertOk().out()).contains("default:");
    }

    private String oldFingerprintOfC() throws Exception {
        for (JsonNode party : JSON.readTree(fixture.resolve("dataset.json").toFile()).get("healthcareParties")) {
            if (party.get("id").asText().equals("C")) {
                String old = party.get("oldPublicKeys").get(0).asText();
                return old.substring(old.length() - 32);
            }
        }
        throw new AssertionError("no C");
    }

    /** The ids of the entities a reader sees in expected.json. */
    private static Set<String> readableIn(JsonNode view) {
        Set<String> ids = new TreeSet<>();
        for (String collection : COLLECTIONS) {
            view.get(collection).fieldNames().forEachRemaining(ids::add);
        }
        return ids;
    }
}
