package org.medcrypt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medcrypt.json.MedcryptJson;
import org.medcrypt.keys.KeyFingerprint;
import org.medcrypt.keys.PrivateKeyText;
import org.medcrypt.provider.CryptoProviders;

class CommandsTest {

    @TempDir
    Path folder;

    @Test
    void providersListsTheFiveBundledProvidersAsAvailable() {
        String out = Cli.run("providers").assertOk().out();
        for (String id : List.of("jca", "accp", "conscrypt", "bouncycastle", "tink")) {
            assertThat(out.lines().filter(line -> line.substring(2).startsWith(id + " ")).findFirst())
                    .as(id).hasValueSatisfying(line -> assertThat(line).endsWith("available").contains("V1_ICURE"));
        }
        assertThat(out).contains("* default: jca");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "demo --help", "providers --help", "keygen --help", "decrypt --help",
        "contacts-of --help", "patient-of --help", "share --help", "create --help", "add-party --help"})
    void everyCommandHasHelpWithTheExitCodes(String args) {
        String out = Cli.run(args.split(" ")).assertOk().out();
        assertThat(out).contains("Usage:", "Exit codes:", "access denied", "crypto failure");
    }

    @ParameterizedTest
    @ValueSource(strings = {"decrypt", "contacts-of", "patient-of", "share", "create"})
    void everyCommandThatActsAsAPartyTakesTheTrustAndPinOptions(String command) {
        String out = Cli.run(command, "--help").assertOk().out();
        assertThat(out).contains("--trust-unsigned-pair-keys", "--pin-signing-key=ID=HEX", "plant");
    }

    @Test
    void demoTellsTheStoryAndCountsRsaOperations() {
        String out = Cli.run("demo", "--provider", "tink").assertOk().out();
        assertThat(out).contains("crypto provider: tink",
                "format: v2 (medcrypt's authenticated format: AES-256-GCM, RSA-OAEP SHA-256, Ed25519-signed pair keys)",
                "an RSA-2048 key pair and an Ed25519 signing key",
                "Dr A (A) creates patient 1234 John Keats",
                "encryptedSelf (mc2:",
                "pair key {AB} created, RSA-wrapped for A and for B, signed by A",
                "B opens patient 1234: 1 RSA operation to unwrap {AB}",
                "after 1 signature check of {AB} with A's published signing key",
                "B reads: John Keats, note \"Allergic to penicillin\"",
                "B finds the contacts of 1234 by its secret foreign key: 4567",
                "descr \"Consultation: seasonal cough (toux saisonnière)\"",
                "B finds the patient of 4567 by decrypting its crypted foreign key: 1234",
                "a new party: pair key {AC} created",
                "D, never given access, tries to open 1234: access denied",
                "RSA private-key operations: A 0, B 1, C 1, D 0");
    }

    @Test
    void demoOutWritesADatasetAndBothPrivateKeysOfEachPartyAndRefusesToOverwrite() throws IOException {
        Path out = folder.resolve("demo");
        String text = Cli.run("demo", "--out", out.toString()).assertOk().out();
        assertThat(text).contains("./medcrypt decrypt --dataset " + out.resolve("dataset.json"), "(format v2)");
        Path dataset = out.resolve("dataset.json");
        for (String id : List.of("A", "B", "C", "D")) {
            Path keyFile = out.resolve(id + ".key");
            assertThat(Files.readString(keyFile)).startsWith("-----BEGIN PRIVATE KEY-----\n")
                    .endsWith("-----END PRIVATE KEY-----\n");
            List<byte[]> keys = PrivateKeyText.parseAllPkcs8(Files.readAllBytes(keyFile));
            assertThat(keys).as("RSA, then Ed25519").hasSize(2);
            assertThat(HexFormat.of().formatHex(keys.get(0))).startsWith("308204");
            assertThat(KeyFiles.isEd25519(keys.get(1))).isTrue();
            assertPrivate(keyFile);
            // a party publishes its signing key when it first creates a pair key: in the demo, only A does
            assertThat(Cli.publishedSigningKey(dataset, id)).as("signing key of %s", id)
                    .isEqualTo(id.equals("A") ? Optional.of(signingPublicKey(keys.get(1))) : Optional.empty());
        }
        assertThat(text).contains("Signing public key of A, for others to pin: "
                + Cli.publishedSigningKey(dataset, "A").orElseThrow());
        Cli.Result b = Cli.run("decrypt", "--dataset", dataset.toString(), "--as", "B",
                "--key", out.resolve("B.key").toString()).assertOk();
        assertThat(b.out()).contains("Allergic to penicillin");

        byte[] before = Cli.bytes(dataset);
        Cli.run("demo", "--out", out.toString()).assertFails(ExitCodes.BAD_INPUT);
        assertThat(Cli.bytes(dataset)).isEqualTo(before);
        Cli.run("demo", "--out", out.toString(), "--force").assertOk();
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1", "v2"})
    void demoWritesTheSuiteItIsAskedForAndDecryptSaysWhichItRead(String suite) {
        Path out = folder.resolve("demo-" + suite);
        boolean v1 = suite.equals("v1");
        String text = Cli.run("demo", "--suite", suite, "--out", out.toString()).assertOk().out();
        assertThat(text).contains(v1 ? "format: v1 (iCure's format" : "format: v2 (medcrypt's authenticated format",
                "(format " + suite + ")", "B reads: John Keats, note \"Allergic to penicillin\"",
                "RSA private-key operations: A 0, B 1, C 1, D 0",
                v1 ? "AES-CBC with a \"1234:\" prefix, no integrity" : "AES-256-GCM, bound to patient 1234");

        var dataset = MedcryptJson.parseObject(Cli.bytes(out.resolve("dataset.json")), "dataset");
        var patient = dataset.at("/patients/0");
        String encryptedSelf = patient.get("encryptedSelf").asText();
        String delegationToB = patient.at("/delegations/B/0/key").asText();
        if (v1) {
            assertThat(encryptedSelf).matches("[A-Za-z0-9+/=]+");
            assertThat(delegationToB).matches("[0-9a-f]+");
            // iCure's slots, so that iCure's SDK finds the pair keys; the signatures in a field it ignores
            assertThat(dataset.at("/healthcareParties/0/hcPartyKeys/B")).hasSize(2);
            assertThat(dataset.at("/healthcareParties/0/medcryptPairKeys/B").isMissingNode()).isFalse();
        } else {
            assertThat(encryptedSelf).startsWith("mc2:");
            assertThat(delegationToB).startsWith("mc2:");
        }
        Cli.Result b = Cli.run("decrypt", "--dataset", out.resolve("dataset.json").toString(), "--as", "B",
                "--key", out.resolve("B.key").toString()).assertOk();
        var encryption = MedcryptJson.parseObject(b.out(), "output").get("encryption");
        assertThat(encryption).hasSize(2);
        assertThat(encryption.get(0).get("type").asText()).isEqualTo("patient");
        assertThat(encryption.get(1).get("type").asText()).isEqualTo("contact");
        for (var entity : encryption) {
            assertThat(entity.get("suite").asText()).isEqualTo(v1 ? "V1_ICURE" : "V2_GCM_OAEP256");
            assertThat(entity.get("unsignedPairKey").asBoolean()).as("signed by A").isFalse();
        }
        assertThat(b.err()).as("no unsigned pair key to report").isEmpty();
    }

    @Test
    void demoRefusesAnUnknownSuite() {
        Cli.Result result = Cli.run("demo", "--suite", "v3").assertFails(ExitCodes.USAGE);
        assertThat(result.err()).contains("--suite", "v1", "v2");
    }

    @Test
    void keygenWritesBothKeysInOneFileAndPrintsBothPublicKeys() throws IOException {
        Cli.Result result = Cli.run("keygen", "--id", "E", "--out", folder.toString(), "--provider", "bouncycastle").assertOk();
        List<String> lines = result.out().lines().toList();
        assertThat(lines).hasSize(2);
        String spki = lines.get(0);
        assertThat(spki).startsWith("30820122300d06092a864886f70d0101010500").matches("[0-9a-f]+");
        assertThat(lines.get(1)).as("signing public key").matches("[0-9a-f]{64}");
        assertThat(Files.readString(folder.resolve("E.pub")).strip()).isEqualTo(spki);

        Path keyFile = folder.resolve("E.key");
        String pem = Files.readString(keyFile);
        assertThat(pem.lines().filter(line -> line.equals("-----BEGIN PRIVATE KEY-----"))).hasSize(2);
        List<byte[]> keys = PrivateKeyText.parseAllPkcs8(Files.readAllBytes(keyFile));
        assertThat(keys).hasSize(2);
        assertThat(HexFormat.of().formatHex(keys.get(0))).as("RSA PKCS#8").startsWith("308204");
        assertThat(signingPublicKey(keys.get(1))).isEqualTo(lines.get(1));
        assertPrivate(keyFile);
        assertThat(result.err()).contains("E.key", "E.pub", "--pin-signing-key E=")
                .doesNotContain(pem.lines().skip(3).findFirst().orElseThrow(), pem.lines().skip(20).findFirst().orElseThrow());

        byte[] key = Cli.bytes(keyFile);
        Cli.run("keygen", "--id", "E", "--out", folder.toString()).assertFails(ExitCodes.BAD_INPUT);
        assertThat(Cli.bytes(keyFile)).isEqualTo(key);
        Cli.run("keygen", "--id", "E", "--out", folder.toString(), "--force").assertOk();
        assertThat(Cli.bytes(keyFile)).isNotEqualTo(key);

        Cli.run("keygen", "--id", "F", "--out", folder.toString(), "--bits", "1024").assertFails(ExitCodes.USAGE);
        Cli.run("keygen", "--id", "../F", "--out", folder.toString()).assertFails(ExitCodes.USAGE);
    }

    @Test
    void keygenSigningOnlyWritesOnlyAnEd25519KeyFile() throws IOException {
        Cli.Result result = Cli.run("keygen", "--signing-only", "--id", "A", "--out", folder.toString()).assertOk();
        String signing = result.out().strip();
        assertThat(signing).matches("[0-9a-f]{64}");
        Path keyFile = folder.resolve("A.signing.key");
        List<byte[]> keys = PrivateKeyText.parseAllPkcs8(Files.readAllBytes(keyFile));
        assertThat(keys).hasSize(1);
        assertThat(KeyFiles.isEd25519(keys.get(0))).isTrue();
        assertThat(signingPublicKey(keys.get(0))).isEqualTo(signing);
        assertPrivate(keyFile);
        assertThat(folder.resolve("A.key")).doesNotExist();
        assertThat(folder.resolve("A.pub")).doesNotExist();

        byte[] key = Cli.bytes(keyFile);
        Cli.run("keygen", "--signing-only", "--id", "A", "--out", folder.toString()).assertFails(ExitCodes.BAD_INPUT);
        assertThat(Cli.bytes(keyFile)).isEqualTo(key);
        Cli.run("keygen", "--signing-only", "--id", "B", "--bits", "4096", "--out", folder.toString())
                .assertFails(ExitCodes.USAGE);

        // a signing key alone does not make a party: its RSA key is needed too
        Path dir = Cli.fixture(Files.createDirectory(folder.resolve("fixture")));
        Cli.Result alone = Cli.run("decrypt", "--dataset", dir.resolve("dataset.json").toString(), "--as", "A",
                "--key", keyFile.toString()).assertFails(ExitCodes.BAD_INPUT);
        assertThat(alone.err()).contains("RSA private key");
        // the signing key next to iCure's RSA key: one key file each, or both in one file
        Cli.run("decrypt", "--dataset", dir.resolve("dataset.json").toString(), "--as", "A",
                "--key", dir.resolve("A.pkcs8.hex").toString(), "--key", keyFile.toString()).assertOk();
        Path both = dir.resolve("A-both.hex");
        Files.writeString(both, Cli.text(dir.resolve("A.pkcs8.hex")).strip() + "\n" + HexFormat.of().formatHex(keys.get(0)) + "\n");
        Cli.run("decrypt", "--dataset", dir.resolve("dataset.json").toString(), "--as", "A", "--key", both.toString())
                .assertOk();
    }

    @Test
    void addPartyRegistersAPublicKeyGivenAsFileOrHex() {
        Path dir = Cli.fixture(folder);
        Path dataset = dir.resolve("dataset.json");
        String spki = Cli.run("keygen", "--id", "E", "--out", dir.toString()).assertOk().out().lines().findFirst().orElseThrow();
        Cli.run("keygen", "--id", "F", "--out", dir.toString()).assertOk();

        Cli.run("add-party", "--dataset", dataset.toString(), "--id", "E", "--public-key", dir.resolve("E.pub").toString())
                .assertOk();
        Cli.run("add-party", "--dataset", dataset.toString(), "--id", "F", "--public-key",
                Cli.text(dir.resolve("F.pub")).strip()).assertOk();

        var parties = MedcryptJson.parseObject(Cli.bytes(dataset), "dataset").get("healthcareParties");
        assertThat(parties).hasSize(6);
        assertThat(parties.get(4).get("id").asText()).isEqualTo("E");
        assertThat(parties.get(4).get("publicKey").asText()).isEqualTo(spki);
        assertThat(Cli.text(dataset)).contains("\"rev\"", "\"oldPublicKeys\"", "\"specialityCodes\"");

        byte[] before = Cli.bytes(dataset);
        Cli.run("add-party", "--dataset", dataset.toString(), "--id", "E", "--public-key", spki)
                .assertFails(ExitCodes.BAD_INPUT);
        Cli.run("add-party", "--dataset", dataset.toString(), "--id", "G", "--public-key", "0123abcd".repeat(10))
                .assertFails(ExitCodes.BAD_INPUT);
        Cli.run("add-party", "--dataset", dataset.toString(), "--id", "G", "--public-key", dir.resolve("G.pub").toString())
                .assertFails(ExitCodes.BAD_INPUT);
        assertThat(Cli.bytes(dataset)).isEqualTo(before);
        assertThat(KeyFingerprint.of(spki).value()).hasSize(32);
    }

    @Test
    void shareOfOneEntityAndPermissionsOfTheDatasetAreKept() throws IOException {
        Path dir = Cli.fixture(folder);
        Path dataset = dir.resolve("dataset.json");
        boolean posix = Files.getFileStore(dataset).supportsFileAttributeView("posix");
        if (posix) {
            Files.setPosixFilePermissions(dataset, PosixFilePermissions.fromString("rw-r-----"));
        }
        Path signing = Cli.signingKey(dir, "B");
        Cli.Result shared = Cli.run("share", "--dataset", dataset.toString(), "--as", "B", "--key",
                dir.resolve("B.pem").toString(), "--key", signing.toString(), "--with", "D", "--entity", "F-1").assertOk();
        assertThat(shared.out()).contains("created pair key {B→D}", "signed by 'B'", "shared with 'D': form 'F-1'",
                "published the signing key of 'B'");
        if (posix) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataset))).isEqualTo("rw-r-----");
        }
        Cli.Result d = Cli.run("decrypt", "--dataset", dataset.toString(), "--as", "D",
                "--key", dir.resolve("D.pkcs8.hex").toString()).assertOk();
        assertThat(d.out()).contains("Referral letter to cardiology").doesNotContain("Allergic");
    }

    /** The raw Ed25519 public key (64 hex digits) of an RFC 8410 PKCS#8 key. */
    static String signingPublicKey(byte[] pkcs8) {
        assertThat(KeyFiles.isEd25519(pkcs8)).isTrue();
        byte[] seed = Arrays.copyOfRange(pkcs8, 16, 48);
        try {
            return HexFormat.of().formatHex(CryptoProviders.get("jca").ed25519().importPrivateKey(seed).publicKey());
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    static void assertPrivate(Path file) throws IOException {
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
    }
}
