package org.medcrypt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.medcrypt.json.MedcryptJson;
import org.medcrypt.keys.PrivateKeyText;

/**
 * Every command, on its success path and its main error paths, with and without
 * {@code --verbose} (which prints stack traces): no private key, content key or plaintext
 * appears in stdout, stderr or what the library logs, except the plaintext a reading command is
 * asked to print on stdout. The commands come from picocli's list of subcommands, so a new one
 * without a case here fails {@link #everyCommandHasScanCases()}.
 *
 * <p>Markers: pieces of every private key in the folder after the run (the fixture's RSA keys,
 * signing keys, what keygen, demo and rotate wrote) as hex and as base64, taken from the private
 * part of each key (an RSA key's public modulus is printed on purpose by keygen); the content keys
 * of the fixture; every decrypted field of the fixture; and a marker written with {@code create}.
 */
class SecretScanTest {

    static final String PLAINTEXT_MARKER = "PlainTextMarker-Qx7Vz3";

    @TempDir
    Path folder;

    private final List<String> logged = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            StringWriter text = new StringWriter();
            text.append(String.valueOf(record.getMessage())).append(' ');
            if (record.getParameters() != null) {
                for (Object parameter : record.getParameters()) {
                    text.append(String.valueOf(parameter)).append(' ');
                }
            }
            if (record.getThrown() != null) {
                record.getThrown().printStackTrace(new PrintWriter(text));
            }
            synchronized (logged) {
                logged.add(text.toString());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level levelBefore;

    @BeforeEach
    void captureTheLibrarysLog() {
        Logger logger = Logger.getLogger("org.medcrypt");
        levelBefore = logger.getLevel();
        logger.setLevel(Level.ALL);
        logger.addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        Logger logger = Logger.getLogger("org.medcrypt");
        logger.removeHandler(capture);
        logger.setLevel(levelBefore);
    }

    /**
     * One run: its setup in a fresh copy of the fixture, the arguments ({@code @} is the folder),
     * the exit code it must give (so that the success path is really taken), and whether it prints
     * decrypted data on stdout by design.
     */
    record Case(String command, String name, Consumer<Path> setup, List<String> args, int exitCode,
            boolean printsPlaintext) {
    }

    private static List<String> as(String command, String party, String key, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "--dataset", "@/dataset.json", "--as", party, "--key", "@/" + key));
        args.addAll(List.of(more));
        return args;
    }

    private static Consumer<Path> nothing() {
        return dir -> { };
    }

    private static Consumer<Path> signingKey(String party) {
        return dir -> Cli.signingKey(dir, party);
    }

    private static Consumer<Path> keygen(String id) {
        return dir -> Cli.run("keygen", "--id", id, "--out", dir.resolve("k").toString()).assertOk();
    }

    /** The contact's encryptedSelf with one character changed near its end. */
    private static Consumer<Path> tamperedContact() {
        return dir -> {
            ObjectNode dataset = MedcryptJson.parseObject(Cli.bytes(dir.resolve("dataset.json")), "dataset");
            ObjectNode contact = (ObjectNode) dataset.at("/contacts/0");
            String self = contact.get("encryptedSelf").asText();
            int at = self.replaceAll("=+$", "").length() - 3;
            contact.put("encryptedSelf", self.substring(0, at) + (self.charAt(at) == 'a' ? 'b' : 'a') + self.substring(at + 1));
            write(dir.resolve("dataset.json"), MedcryptJson.toPrettyString(dataset));
        };
    }

    static List<Case> cases() {
        String marked = "{\"note\": \"" + PLAINTEXT_MARKER + "\"}";
        return List.of(
                new Case("demo", "writes a demo", nothing(), List.of("demo", "--out", "@/demo"), 0, true),
                new Case("demo", "over a file", nothing(), List.of("demo", "--out", "@/dataset.json"), ExitCodes.BAD_INPUT, true),
                new Case("providers", "lists", nothing(), List.of("providers"), 0, false),
                new Case("providers", "bad format", nothing(), List.of("providers", "--format", "xml"), ExitCodes.USAGE, false),
                new Case("keygen", "writes keys", nothing(), List.of("keygen", "--id", "K", "--out", "@/k"), 0, false),
                new Case("keygen", "signing only", nothing(), List.of("keygen", "--signing-only", "--id", "K", "--out", "@/k"), 0,
                        false),
                new Case("keygen", "files exist", keygen("K"), List.of("keygen", "--id", "K", "--out", "@/k"),
                        ExitCodes.BAD_INPUT, false),
                new Case("decrypt", "reads", nothing(), as("decrypt", "B", "B.pkcs8.hex"), 0, true),
                new Case("decrypt", "PEM key", nothing(), as("decrypt", "B", "B.pem", "--id", "4567"), 0, true),
                new Case("decrypt", "someone else's key", nothing(), as("decrypt", "B", "D.pkcs8.hex"), ExitCodes.BAD_INPUT, false),
                new Case("decrypt", "a key given as the dataset", nothing(), List.of("decrypt", "--dataset", "@/B.pem", "--as", "B",
                        "--key", "@/B.pem"), ExitCodes.BAD_INPUT, false),
                new Case("decrypt", "the dataset given as a key", nothing(), as("decrypt", "B", "dataset.json"),
                        ExitCodes.BAD_INPUT, false),
                new Case("decrypt", "tampered content, by id", tamperedContact(), as("decrypt", "B", "B.pkcs8.hex", "--id", "4567"),
                        ExitCodes.CRYPTO_FAILURE, false),
                new Case("decrypt", "tampered content, all", tamperedContact(), as("decrypt", "B", "B.pkcs8.hex"),
                        ExitCodes.PARTIAL, true),
                new Case("decrypt", "not shared", nothing(), as("decrypt", "C", "C.pkcs8.hex", "--key", "@/C-old.pkcs8.hex",
                        "--id", "F-1"), ExitCodes.ACCESS_DENIED, false),
                new Case("contacts-of", "reads", nothing(), as("contacts-of", "B", "B.pkcs8.hex", "--patient", "1234"), 0, true),
                new Case("contacts-of", "no access", nothing(), as("contacts-of", "D", "D.pkcs8.hex", "--patient", "1234"),
                        ExitCodes.ACCESS_DENIED, false),
                new Case("contacts-of", "tampered contact", tamperedContact(), as("contacts-of", "B", "B.pkcs8.hex", "--patient",
                        "1234"), ExitCodes.CRYPTO_FAILURE, false),
                new Case("patient-of", "reads", nothing(), as("patient-of", "B", "B.pkcs8.hex", "--contact", "4567"), 0, true),
                new Case("patient-of", "unknown contact", nothing(), as("patient-of", "B", "B.pkcs8.hex", "--contact", "9"),
                        ExitCodes.BAD_INPUT, false),
                new Case("share", "shares", signingKey("A"), as("share", "A", "A.pkcs8.hex", "--key", "@/A.signing.key",
                        "--with", "D", "--entity", "1234", "--cascade"), 0, false),
                new Case("share", "no signing key", nothing(), as("share", "A", "A.pkcs8.hex", "--with", "D", "--entity", "1234"),
                        ExitCodes.BAD_INPUT, false),
                new Case("share", "tampered content", signingKey("A").andThen(tamperedContact()), as("share", "A", "A.pkcs8.hex",
                        "--key", "@/A.signing.key", "--with", "D", "--entity", "1234", "--cascade"), 0, false),
                new Case("create", "creates", signingKey("A"), as("create", "A", "A.pkcs8.hex", "--key", "@/A.signing.key",
                        "--type", "patient", "--json", marked), 0, false),
                new Case("create", "child", signingKey("B"), as("create", "B", "B.pkcs8.hex", "--key", "@/B.signing.key",
                        "--type", "contact", "--parent", "1234", "--json", marked), 0, false),
                new Case("create", "JSON cut short", signingKey("A"), as("create", "A", "A.pkcs8.hex", "--key", "@/A.signing.key",
                        "--type", "patient", "--json", marked.substring(0, marked.length() - 3)), ExitCodes.BAD_INPUT, false),
                new Case("create", "JSON with a bad token", signingKey("A"), as("create", "A", "A.pkcs8.hex", "--key",
                        "@/A.signing.key", "--type", "patient", "--json", "{\"note\": " + PLAINTEXT_MARKER + "}"),
                        ExitCodes.BAD_INPUT, false),
                new Case("create", "managed field", signingKey("A"), as("create", "A", "A.pkcs8.hex", "--key", "@/A.signing.key",
                        "--type", "patient", "--json", "{\"id\": 5, \"note\": \"" + PLAINTEXT_MARKER + "\"}"),
                        ExitCodes.BAD_INPUT, false),
                new Case("add-party", "adds", keygen("E"), List.of("add-party", "--dataset", "@/dataset.json", "--id", "E",
                        "--public-key", "@/k/E.pub"), 0, false),
                new Case("add-party", "a private key as the public key", nothing(), List.of("add-party", "--dataset",
                        "@/dataset.json", "--id", "E", "--public-key", "@/B.pkcs8.hex"), ExitCodes.BAD_INPUT, false),
                new Case("add-party", "a PEM private key as the public key", nothing(), List.of("add-party", "--dataset",
                        "@/dataset.json", "--id", "E", "--public-key", "@/B.pem"), ExitCodes.BAD_INPUT, false),
                new Case("import", "into SQLite", nothing(), List.of("import", "--dataset", "@/dataset.json", "--store",
                        "sqlite:@/m.db", "--progress", "lines"), 0, false),
                new Case("import", "a key as the dataset", nothing(), List.of("import", "--dataset", "@/B.pkcs8.hex",
                        "--store", "sqlite:@/m.db"), ExitCodes.BAD_INPUT, false),
                new Case("export", "from a dataset file", nothing(), List.of("export", "--store", "@/dataset.json",
                        "--dataset", "@/out.json"), 0, false),
                new Case("export", "over the key file", nothing(), List.of("export", "--store", "@/dataset.json",
                        "--dataset", "@/B.pem"), ExitCodes.BAD_INPUT, false),
                new Case("audit", "keyless", nothing(), List.of("audit", "--dataset", "@/dataset.json"), 0, false),
                new Case("audit", "keyed", nothing(), List.of("audit", "--dataset", "@/dataset.json", "--as", "B", "--key",
                        "@/B.pkcs8.hex"), 0, false),
                new Case("audit", "a key as the dataset", nothing(), List.of("audit", "--dataset", "@/B.pkcs8.hex"),
                        ExitCodes.BAD_INPUT, false),
                new Case("audit", "keyed, someone else's key", nothing(), List.of("audit", "--dataset", "@/dataset.json", "--as",
                        "B", "--key", "@/D.pkcs8.hex"), ExitCodes.BAD_INPUT, false),
                new Case("migrate", "dry run", signingKey("A"), as("migrate", "A", "A.pkcs8.hex", "--key", "@/A.signing.key",
                        "--to", "v2", "--dry-run"), 0, false),
                new Case("migrate", "migrates", signingKey("A"), as("migrate", "A", "A.pkcs8.hex", "--key", "@/A.signing.key",
                        "--to", "v2"), 0, false),
                new Case("migrate", "no signing key", nothing(), as("migrate", "A", "A.pkcs8.hex", "--to", "v2"),
                        ExitCodes.BAD_INPUT, false),
                new Case("revoke", "revokes", signingKey("A"), as("revoke", "A", "A.pkcs8.hex", "--key", "@/A.signing.key",
                        "--entity", "1234", "--from", "C", "--cascade", "--trust-unsigned-pair-keys"), 0, false),
                new Case("revoke", "unsigned pair key not trusted", signingKey("A"), as("revoke", "A", "A.pkcs8.hex", "--key",
                        "@/A.signing.key", "--entity", "1234", "--from", "C"), -1, false),
                new Case("revoke", "no signing key", nothing(), as("revoke", "A", "A.pkcs8.hex", "--entity", "1234", "--from", "C",
                        "--trust-unsigned-pair-keys"), -1, false),
                new Case("rotate", "rotates", signingKey("B"), as("rotate", "B", "B.pkcs8.hex", "--key", "@/B.signing.key",
                        "--out", "@/new"), 0, false),
                new Case("rotate", "no signing key", nothing(), as("rotate", "B", "B.pkcs8.hex", "--out", "@/new"), -1, false),
                new Case("rotate", "someone else's key", signingKey("B"), as("rotate", "B", "D.pkcs8.hex", "--key",
                        "@/B.signing.key", "--out", "@/new"), ExitCodes.BAD_INPUT, false),
                new Case("grant-key-update", "nothing pending", signingKey("A"), as("grant-key-update", "A", "A.pkcs8.hex",
                        "--key", "@/A.signing.key"), 0, false),
                new Case("grant-key-update", "someone else's key", nothing(), as("grant-key-update", "A", "B.pkcs8.hex"),
                        ExitCodes.BAD_INPUT, false),
                new Case("help", "a command's help", nothing(), List.of("help", "decrypt"), 0, false),
                new Case("help", "unknown command", nothing(), List.of("help", "nosuch"), -1, false));
    }

    @Test
    void everyCommandHasScanCases() {
        Set<String> commands = new TreeSet<>(Main.commandLine(new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter())).getSubcommands().keySet());
        Set<String> scanned = new TreeSet<>();
        cases().forEach(c -> scanned.add(c.command()));
        assertThat(scanned).as("every command of 'medcrypt' has a case in SecretScanTest.cases()").containsAll(commands);
        for (String command : commands) {
            if (!command.equals("help") && !command.equals("providers")) {
                assertThat(cases().stream().filter(c -> c.command().equals(command) && c.exitCode() != 0))
                        .as("an error path of %s", command).isNotEmpty();
            }
        }
    }

    @Test
    void theMarkersFindEveryKeyFileAndPlaintextWhereTheyAre() throws IOException {
        Path dir = Cli.fixture(folder);
        Cli.signingKey(dir, "A");
        Markers markers = Markers.of(dir);
        for (String file : List.of("A.pkcs8.hex", "B.pem", "C-old.pkcs8.hex", "A.signing.key")) {
            String text = Cli.text(dir.resolve(file));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> markers.assertAbsent("a key file", "x " + text, false))
                    .as(file).isInstanceOf(AssertionError.class).hasMessageContaining("key material");
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> markers.assertAbsent("text", "descr: "
                + MedcryptJson.parseObject(Cli.bytes(dir.resolve("expected.json")), "e").at("/B/contacts/4567/decrypted/descr")
                .asText(), true)).hasMessageContaining("plaintext");
        markers.assertAbsent("the public key", Cli.text(dir.resolve("dataset.json")), true);
    }

    @TestFactory
    Stream<DynamicTest> noCommandPrintsOrLogsASecret() {
        return cases().stream().flatMap(c -> Stream.of(false, true).map(verbose -> DynamicTest.dynamicTest(
                c.command() + ": " + c.name() + (verbose ? " --verbose" : ""), () -> scan(c, verbose))));
    }

    private void scan(Case c, boolean verbose) throws IOException {
        Path dir = Files.createTempDirectory(folder, "scan");
        Cli.fixture(dir);
        c.setup().accept(dir);
        List<String> args = new ArrayList<>(c.args().stream().map(a -> a.replace("@", dir.toString())).toList());
        if (verbose) {
            args.add("--verbose");
        }
        synchronized (logged) {
            logged.clear();
        }

        Cli.Result result = Cli.run(args);

        if (c.exitCode() >= 0) {
            assertThat(result.exitCode()).as("exit code of %s; stderr: %s", args, result.err()).isEqualTo(c.exitCode());
        }
        String log;
        synchronized (logged) {
            log = String.join("\n", logged);
        }
        Markers markers = Markers.of(dir);
        markers.assertAbsent("stderr", result.err(), true);
        markers.assertAbsent("the library's log", log, true);
        markers.assertAbsent("stdout", result.out(), !c.printsPlaintext());
    }

    /** Pieces of secrets to look for. */
    record Markers(Set<String> keys, Set<String> plaintext) {

        static Markers of(Path dir) throws IOException {
            Set<String> keys = new LinkedHashSet<>();
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String name = file.getFileName().toString();
                    if (name.endsWith(".key") || name.endsWith(".pem") || name.endsWith("pkcs8.hex")) {
                        for (byte[] der : PrivateKeyText.parseAllPkcs8(Cli.bytes(file))) {
                            keys.addAll(piecesOfPrivatePart(der));
                        }
                    }
                }
            }
            Set<String> plaintext = new LinkedHashSet<>(List.of(PLAINTEXT_MARKER));
            JsonNode expected = MedcryptJson.parseObject(Cli.bytes(dir.resolve("expected.json")), "expected").get("A");
            for (JsonNode ofType : expected) {
                for (JsonNode entity : ofType) {
                    entity.get("decrypted").forEach(value -> plaintext.add(value.asText()));
                    entity.get("encryptionKeys").forEach(value -> keys.add(value.asText().toLowerCase(Locale.ROOT)));
                }
            }
            return new Markers(keys, plaintext);
        }

        /**
         * Hex and base64 of three places in the second half of the key (an RSA key's private
         * exponent and primes; an Ed25519 key's seed), where no public value is.
         */
        private static List<String> piecesOfPrivatePart(byte[] der) {
            List<String> pieces = new ArrayList<>();
            String base64 = Base64.getEncoder().encodeToString(der);
            for (double at : new double[] {0.6, 0.75, 0.9}) {
                int from = (int) (der.length * at);
                int to = Math.min(der.length, from + 12);
                pieces.add(HexFormat.of().formatHex(der, from, to));
                int b64 = (int) (base64.length() * at);
                pieces.add(base64.substring(b64, Math.min(base64.length(), b64 + 16)).toLowerCase(Locale.ROOT));
            }
            return pieces;
        }

        void assertAbsent(String where, String text, boolean plaintextToo) {
            String lower = text.toLowerCase(Locale.ROOT);
            // base64 is case-sensitive; compared in lower case, a match is only more likely
            String compact = lower.replaceAll("\\s+", "");
            for (String key : keys) {
                assertThat(compact).as("key material in %s", where).doesNotContain(key);
            }
            if (plaintextToo) {
                for (String value : plaintext) {
                    assertThat(text).as("plaintext in %s", where).doesNotContain(value);
                }
            }
        }
    }

    private static void write(Path file, String content) {
        try {
            Files.write(file, content.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
