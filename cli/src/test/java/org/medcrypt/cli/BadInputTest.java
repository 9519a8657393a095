package org.medcrypt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.medcrypt.json.MedcryptJson;

/**
 * Bad input gives one clear line, the right exit code, no stack trace, no key or plaintext in
 * the message, and leaves the dataset file byte for byte as it was.
 */
class BadInputTest {

    private static final List<String> PLAINTEXT = List.of("Allergic", "penicillin", "seasonal", "Hypertension",
            "lifestyle", "Referral");

    @TempDir
    Path folder;

    /** One case: how to spoil the copy of the fixture, the command to run, the exit code expected. */
    private record Case(String name, Consumer<Path> spoil, List<String> args, int exitCode) {
    }

    private static List<String> decryptAs(String party, String key, String... more) {
        List<String> args = new ArrayList<>(List.of("decrypt", "--dataset", "@/dataset.json", "--as", party, "--key", "@/" + key));
        args.addAll(List.of(more));
        return args;
    }

    private static List<String> shareAs(String party, String key, String with, String entity, String... more) {
        List<String> args = new ArrayList<>(List.of("share", "--dataset", "@/dataset.json", "--as", party, "--key", "@/" + key,
                "--with", with, "--entity", entity));
        args.addAll(List.of(more));
        return args;
    }

    private static List<String> createAs(String party, String key, String... more) {
        List<String> args = new ArrayList<>(List.of("create", "--dataset", "@/dataset.json", "--as", party, "--key", "@/" + key));
        args.addAll(List.of(more));
        return args;
    }

    /** A signing key for {@code party} in the case's folder, {@code party.signing.key}. */
    private static Consumer<Path> signingKey(String party) {
        return dir -> Cli.signingKey(dir, party);
    }

    private static Consumer<Path> nothing() {
        return dir -> { };
    }

    private static Consumer<Path> writeFile(String name, String content) {
        return dir -> write(dir.resolve(name), content);
    }

    private static Consumer<Path> editDataset(Consumer<ObjectNode> edit) {
        return dir -> {
            ObjectNode dataset = MedcryptJson.parseObject(Cli.bytes(dir.resolve("dataset.json")), "dataset");
            edit.accept(dataset);
            write(dir.resolve("dataset.json"), MedcryptJson.toPrettyString(dataset));
        };
    }

    /** Changes one character near the end of a hex or base64 text (its last cipher block). */
    private static String flipNearEnd(String text) {
        int at = text.replaceAll("=+$", "").length() - 3;
        char replacement = text.charAt(at) == 'a' ? 'b' : 'a';
        return text.substring(0, at) + replacement + text.substring(at + 1);
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("missing key file", nothing(), decryptAs("B", "no-such.key"), ExitCodes.BAD_INPUT),
                new Case("empty key file", writeFile("empty.key", "\n"), decryptAs("B", "empty.key"), ExitCodes.BAD_INPUT),
                new Case("key file that is not a key", writeFile("text.key", "my key is in the other folder\n"),
                        decryptAs("B", "text.key"), ExitCodes.BAD_INPUT),
                new Case("truncated key file", dir -> write(dir.resolve("half.key"),
                        Cli.text(dir.resolve("B.pkcs8.hex")).strip().substring(0, 1200)),
                        decryptAs("B", "half.key"), ExitCodes.BAD_INPUT),
                new Case("PEM that is not PKCS#8", writeFile("rsa.pem",
                        "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n"),
                        decryptAs("B", "rsa.pem"), ExitCodes.BAD_INPUT),
                new Case("someone else's key", nothing(), decryptAs("B", "D.pkcs8.hex"), ExitCodes.BAD_INPUT),
                new Case("someone else's key, sharing", nothing(), shareAs("A", "B.pkcs8.hex", "D", "1234"), ExitCodes.BAD_INPUT),
                new Case("unknown party", nothing(), decryptAs("Z", "B.pkcs8.hex"), ExitCodes.BAD_INPUT),
                new Case("unknown entity", nothing(), decryptAs("B", "B.pkcs8.hex", "--id", "9999"), ExitCodes.BAD_INPUT),
                new Case("unknown entity, sharing", nothing(), shareAs("A", "A.pkcs8.hex", "D", "9999"), ExitCodes.BAD_INPUT),
                new Case("unknown delegate", nothing(), shareAs("A", "A.pkcs8.hex", "Z", "1234"), ExitCodes.BAD_INPUT),
                new Case("cascade on a contact", nothing(), shareAs("A", "A.pkcs8.hex", "D", "4567", "--cascade"),
                        ExitCodes.BAD_INPUT),
                new Case("missing dataset", dir -> delete(dir.resolve("dataset.json")), decryptAs("B", "B.pkcs8.hex"),
                        ExitCodes.BAD_INPUT),
                new Case("truncated dataset", dir -> write(dir.resolve("dataset.json"),
                        Cli.text(dir.resolve("dataset.json")).substring(0, 5000)), decryptAs("B", "B.pkcs8.hex"),
                        ExitCodes.BAD_INPUT),
                new Case("truncated dataset, sharing", dir -> write(dir.resolve("dataset.json"),
                        Cli.text(dir.resolve("dataset.json")).substring(0, 5000)), shareAs("A", "A.pkcs8.hex", "D", "1234"),
                        ExitCodes.BAD_INPUT),
                new Case("key file given as the dataset", dir -> write(dir.resolve("dataset.json"),
                        String.join("", Cli.text(dir.resolve("B.pem")).lines().skip(1).limit(3).toList())),
                        decryptAs("B", "B.pkcs8.hex"), ExitCodes.BAD_INPUT),
                new Case("patients not a list", editDataset(d -> d.putObject("patients")), decryptAs("B", "B.pkcs8.hex"),
                        ExitCodes.BAD_INPUT),
                new Case("patient without id", editDataset(d -> ((ObjectNode) d.get("patients").get(0)).remove("id")),
                        shareAs("A", "A.pkcs8.hex", "D", "4567"), ExitCodes.BAD_INPUT),
                new Case("not shared with the party", nothing(), decryptAs("C", "C.pkcs8.hex", "--key", "@/C-old.pkcs8.hex",
                        "--id", "F-1"), ExitCodes.ACCESS_DENIED),
                new Case("sharing what the party cannot read", nothing(), shareAs("D", "D.pkcs8.hex", "D", "1234", "--cascade"),
                        ExitCodes.ACCESS_DENIED),
                new Case("tampered encryptedSelf", editDataset(d -> {
                    ObjectNode contact = (ObjectNode) d.get("contacts").get(0);
                    contact.put("encryptedSelf", flipNearEnd(contact.get("encryptedSelf").asText()));
                }), decryptAs("B", "B.pkcs8.hex", "--id", "4567"), ExitCodes.CRYPTO_FAILURE),
                new Case("tampered delegation", editDataset(d -> {
                    ObjectNode delegation = (ObjectNode) d.at("/patients/0/delegations/B/0");
                    delegation.put("key", flipNearEnd(delegation.get("key").asText()));
                }), decryptAs("B", "B.pkcs8.hex", "--id", "1234"), ExitCodes.CRYPTO_FAILURE),
                // A also opens the delegations it wrote for B and C, so all of them are spoilt
                new Case("tampered delegations, sharing", editDataset(d -> d.at("/patients/0/delegations").forEach(list ->
                        list.forEach(item -> ((ObjectNode) item).put("key", flipNearEnd(item.get("key").asText()))))), shareAs("A", "A.pkcs8.hex", "D", "1234", "--cascade"), ExitCodes.CRYPTO_FAILURE),
                new Case("tampered wrapped pair key", editDataset(d -> {
                    ObjectNode byOwnerKey = (ObjectNode) d.at("/healthcareParties/0/aesExchangeKeys").elements().next();
                    ObjectNode forB = (ObjectNode) byOwnerKey.get("B");
                    forB.fieldNames().forEachRemaining(fp -> forB.put(fp, flipNearEnd(forB.get(fp).asText())));
                    // and the hcPartyKeys copy, which a reader falls back to
                    com.fasterxml.jackson.databind.node.ArrayNode legacy =
                            (com.fasterxml.jackson.databind.node.ArrayNode) d.at("/healthcareParties/0/hcPartyKeys/B");
                    legacy.set(1, legacy.get(1).asText().isEmpty() ? legacy.get(1)
                            : com.fasterxml.jackson.databind.node.TextNode.valueOf(flipNearEnd(legacy.get(1).asText())));
                }), decryptAs("B", "B.pkcs8.hex", "--id", "1234"), ExitCodes.CRYPTO_FAILURE),
                new Case("sharing without a signing key (a new pair key is needed)", nothing(),
                        shareAs("A", "A.pkcs8.hex", "D", "1234", "--cascade"), ExitCodes.BAD_INPUT),
                new Case("sharing without a signing key, unsigned pair keys trusted (none exists with D)", nothing(),
                        shareAs("A", "A.pkcs8.hex", "D", "F-1", "--trust-unsigned-pair-keys"), ExitCodes.BAD_INPUT),
                new Case("a signing key that is not the published one", signingKey("A").andThen(editDataset(d ->
                        ((ObjectNode) d.at("/healthcareParties/0")).put("medcryptSigningKey", "ab".repeat(32)))),
                        shareAs("A", "A.pkcs8.hex", "D", "1234", "--key", "@/A.signing.key"), ExitCodes.BAD_INPUT),
                new Case("key file whose second key is truncated", dir -> write(dir.resolve("two.hex"),
                        Cli.text(dir.resolve("B.pkcs8.hex")).strip() + "\n302e020100300506032b6570\n"),
                        decryptAs("B", "two.hex"), ExitCodes.BAD_INPUT),
                new Case("pinned signing key not 64 hex digits", nothing(),
                        decryptAs("B", "B.pkcs8.hex", "--pin-signing-key", "A=abcd"), ExitCodes.USAGE),
                new Case("pinned signing key without a party", nothing(),
                        decryptAs("B", "B.pkcs8.hex", "--pin-signing-key", "ab".repeat(32)), ExitCodes.USAGE),
                new Case("pinned signing key of an unknown party", nothing(),
                        decryptAs("B", "B.pkcs8.hex", "--pin-signing-key", "Z=" + "ab".repeat(32)), ExitCodes.BAD_INPUT),
                new Case("create: unknown type", signingKey("A"), createAs("A", "A.pkcs8.hex", "--key", "@/A.signing.key",
                        "--type", "visit", "--json", "{}"), ExitCodes.USAGE),
                new Case("create: child without --parent", signingKey("A"), createAs("A", "A.pkcs8.hex", "--key",
                        "@/A.signing.key", "--type", "contact", "--json", "{\"descr\":\"x\"}"), ExitCodes.USAGE),
                new Case("create: patient with --parent", signingKey("A"), createAs("A", "A.pkcs8.hex", "--key",
                        "@/A.signing.key", "--type", "patient", "--parent", "1234", "--json", "{}"), ExitCodes.USAGE),
                new Case("create: unknown suite", signingKey("A"), createAs("A", "A.pkcs8.hex", "--key", "@/A.signing.key",
                        "--type", "patient", "--json", "{}", "--suite", "v3"), ExitCodes.USAGE),
                new Case("create: --json not JSON", signingKey("A"), createAs("A", "A.pkcs8.hex", "--key", "@/A.signing.key",
                        "--type", "patient", "--json", "{\"note\": Allergic"), ExitCodes.BAD_INPUT),
                new Case("create: --json an array", signingKey("A"), createAs("A", "A.pkcs8.hex", "--key", "@/A.signing.key",
                        "--type", "patient", "--json", "[{}]"), ExitCodes.BAD_INPUT),
                new Case("create: --json file missing", signingKey("A"), createAs("A", "A.pkcs8.hex", "--key",
                        "@/A.signing.key", "--type", "patient", "--json", "@/no-such.json"), ExitCodes.BAD_INPUT),
                new Case("create: --json file not JSON", signingKey("A").andThen(writeFile("doc.json", "note: x\n")),
                        createAs("A", "A.pkcs8.hex", "--key", "@/A.signing.key", "--type", "patient", "--json", "@/doc.json"),
                        ExitCodes.BAD_INPUT),
                new Case("create: --json with delegations", signingKey("A"), createAs("A", "A.pkcs8.hex", "--key",
                        "@/A.signing.key", "--type", "patient", "--json", "{\"delegations\":{}}"), ExitCodes.BAD_INPUT),
                new Case("create: id not a string", signingKey("A"), createAs("A", "A.pkcs8.hex", "--key", "@/A.signing.key",
                        "--type", "patient", "--json", "{\"id\":5}"), ExitCodes.BAD_INPUT),
                new Case("create: id already used (by a contact)", signingKey("A"), createAs("A", "A.pkcs8.hex", "--key",
                        "@/A.signing.key", "--type", "patient", "--json", "{\"id\":\"4567\"}"), ExitCodes.BAD_INPUT),
                new Case("create: unknown parent", signingKey("A"), createAs("A", "A.pkcs8.hex", "--key", "@/A.signing.key",
                        "--type", "form", "--parent", "9999", "--json", "{}"), ExitCodes.BAD_INPUT),
                new Case("create: parent that is not a patient", signingKey("A"), createAs("A", "A.pkcs8.hex", "--key",
                        "@/A.signing.key", "--type", "form", "--parent", "4567", "--json", "{}"), ExitCodes.BAD_INPUT),
                new Case("create: parent the party cannot read", signingKey("D"), createAs("D", "D.pkcs8.hex", "--key",
                        "@/D.signing.key", "--type", "contact", "--parent", "1234", "--json", "{}"), ExitCodes.ACCESS_DENIED),
                new Case("create: without a signing key", nothing(), createAs("A", "A.pkcs8.hex",
                        "--type", "patient", "--json", "{\"note\":\"x\"}"), ExitCodes.BAD_INPUT),
                new Case("create: someone else's key", signingKey("A"), createAs("A", "B.pkcs8.hex", "--key",
                        "@/A.signing.key", "--type", "patient", "--json", "{}"), ExitCodes.BAD_INPUT),
                new Case("unknown provider", nothing(), decryptAs("B", "B.pkcs8.hex", "--provider", "rot13"),
                        ExitCodes.PROVIDER_PROBLEM),
                new Case("unknown option", nothing(), shareAs("A", "A.pkcs8.hex", "D", "1234", "--cascde"), ExitCodes.USAGE),
                new Case("missing option", nothing(), List.of("share", "--dataset", "@/dataset.json", "--as", "A",
                        "--key", "@/A.pkcs8.hex", "--entity", "1234"), ExitCodes.USAGE));
    }

    @TestFactory
    Stream<DynamicTest> eachBadInputFailsCleanlyAndChangesNothing() {
        return cases().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Path dir = Files.createTempDirectory(folder, "case");
            Cli.fixture(dir);
            c.spoil().accept(dir);
            Path dataset = dir.resolve("dataset.json");
            byte[] before = Files.exists(dataset) ? Cli.bytes(dataset) : null;
            List<String> args = c.args().stream().map(a -> a.replace("@", dir.toString())).toList();

            Cli.Result result = Cli.run(args).assertFails(c.exitCode());

            assertThat(result.out()).isEmpty();
            assertNoSecrets(result.err(), dir);
            if (before != null) {
                assertThat(Cli.bytes(dataset)).as("dataset bytes").isEqualTo(before);
            }
            try (var files = Files.list(dir)) {
                assertThat(files.map(f -> f.getFileName().toString())).as("no temporary file left")
                        .noneMatch(name -> name.endsWith(".tmp"));
            }
        }));
    }

    @Test
    void withoutASigningKeyTheErrorSaysHowToGiveOne() {
        Path dir = Cli.fixture(folder);
        Cli.Result result = Cli.run("share", "--dataset", dir.resolve("dataset.json").toString(), "--as", "A",
                "--key", dir.resolve("A.pkcs8.hex").toString(), "--with", "D", "--entity", "1234").assertFails(ExitCodes.BAD_INPUT);
        assertThat(result.err()).contains("'A' has no signing key", "keygen --signing-only --id A",
                "--trust-unsigned-pair-keys");
    }

    @Test
    void verboseAddsTheStackTrace() {
        Path dir = Cli.fixture(folder);
        Cli.Result result = Cli.run("decrypt", "--dataset", dir.resolve("dataset.json").toString(), "--as", "B",
                "--key", dir.resolve("D.pkcs8.hex").toString(), "--verbose");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(result.err()).contains("org.medcrypt.KeyException", "\tat ");
        assertNoSecrets(result.err(), dir);
    }

    @Test
    void aSuccessfulShareChangesTheFileAndARepeatDoesNot() {
        Path dir = Cli.fixture(folder);
        Path dataset = dir.resolve("dataset.json");
        Path signing = Cli.signingKey(dir, "A");
        byte[] before = Cli.bytes(dataset);
        List<String> share = List.of("share", "--dataset", dataset.toString(), "--as", "A",
                "--key", dir.resolve("A.pkcs8.hex").toString(), "--key", signing.toString(),
                "--with", "D", "--entity", "1234", "--cascade");

        Cli.Result first = Cli.run(share).assertOk();
        assertThat(first.out()).contains("created pair key {A→D}", "patient '1234'", "contact '4567'", "form 'F-1'",
                "health element 'HE-1'");
        byte[] after = Cli.bytes(dataset);
        assertThat(after).isNotEqualTo(before);

        assertThat(Cli.run(share).assertOk().out()).contains("nothing to do");
        assertThat(Cli.bytes(dataset)).isEqualTo(after);

        Cli.Result seenByD = Cli.run("decrypt", "--dataset", dataset.toString(), "--as", "D",
                "--key", dir.resolve("D.pkcs8.hex").toString()).assertOk();
        IcureFixtureTest.assertMatchesExpected(seenByD.out(),
                MedcryptJson.parseObject(Cli.bytes(dir.resolve("expected.json")), "expected").get("A"));
    }

    private static void assertNoSecrets(String err, Path dir) {
        for (String key : List.of("A.pkcs8.hex", "B.pkcs8.hex", "C.pkcs8.hex", "D.pkcs8.hex")) {
            String hex = Cli.text(dir.resolve(key)).strip();
            assertThat(err).doesNotContain(hex.substring(600, 660));
        }
        String pem = String.join("", Cli.text(dir.resolve("B.pem")).lines().skip(1).limit(3).toList());
        assertThat(err).doesNotContain(pem.substring(0, 12), pem.substring(100, 112));
        try (var files = Files.list(dir)) {
            for (Path signing : files.filter(f -> f.getFileName().toString().endsWith(".signing.key")).toList()) {
                String base64 = Cli.text(signing).lines().skip(1).findFirst().orElseThrow();
                assertThat(err).doesNotContain(base64.substring(24, 64));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(err).doesNotContain(PLAINTEXT.toArray(String[]::new));
    }

    private static void write(Path file, String content) {
        try {
            Files.write(file, content.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
