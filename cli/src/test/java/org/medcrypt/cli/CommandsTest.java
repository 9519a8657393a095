package org.medcrypt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medcrypt.json.MedcryptJson;
import org.medcrypt.keys.KeyFingerprint;

class CommandsTest {

    @TempDir
    Path folder;

    @Test
    void providersListsTheFourBundledProvidersAsAvailable() {
        String out = Cli.run("providers").assertOk().out();
        for (String id : List.of("jca", "conscrypt", "bouncycastle", "tink")) {
            assertThat(out.lines().filter(line -> line.substring(2).startsWith(id + " ")).findFirst())
                    .as(id).hasValueSatisfying(line -> assertThat(line).endsWith("available").contains("V1_ICURE"));
        }
        assertThat(out).contains("* default: jca");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "demo --help", "providers --help", "keygen --help", "decrypt --help",
        "contacts-of --help", "patient-of --help", "share --help", "add-party --help"})
    void everyCommandHasHelpWithTheExitCodes(String args) {
        String out = Cli.run(args.split(" ")).assertOk().out();
        assertThat(out).contains("Usage:", "Exit codes:", "access denied", "crypto failure");
    }

    @Test
    void demoTellsTheStoryAndCountsRsaOperations() {
        String out = Cli.run("demo", "--provider", "tink").assertOk().out();
        assertThat(out).contains("crypto provider: tink",
                "Dr A (A) creates patient 1234 John Keats",
                "pair key {AB} created, RSA-wrapped for A and for B",
                "B opens patient 1234: 1 RSA operation to unwrap {AB}",
                "B reads: John Keats, note \"Allergic to penicillin\"",
                "B finds the contacts of 1234 by its secret foreign key: 4567",
                "descr \"Consultation: seasonal cough (toux saisonnière)\"",
                "B finds the patient of 4567 by decrypting its crypted foreign key: 1234",
                "a new party: pair key {AC} created",
                "D, never given access, tries to open 1234: access denied",
                "RSA private-key operations: A 0, B 1, C 1, D 0");
    }

    @Test
    void demoOutWritesADatasetAndPrivateKeysAndRefusesToOverwrite() throws IOException {
        Path out = folder.resolve("demo");
        String text = Cli.run("demo", "--out", out.toString()).assertOk().out();
        assertThat(text).contains("./medcrypt decrypt --dataset " + out.resolve("dataset.json"));
        for (String id : List.of("A", "B", "C", "D")) {
            assertThat(Files.readString(out.resolve(id + ".key")).strip()).matches("[0-9a-f]+");
            assertPrivate(out.resolve(id + ".key"));
        }
        Cli.Result b = Cli.run("decrypt", "--dataset", out.resolve("dataset.json").toString(), "--as", "B",
                "--key", out.resolve("B.key").toString()).assertOk();
        assertThat(b.out()).contains("Allergic to penicillin");

        byte[] dataset = Cli.bytes(out.resolve("dataset.json"));
        Cli.run("demo", "--out", out.toString()).assertFails(ExitCodes.BAD_INPUT);
        assertThat(Cli.bytes(out.resolve("dataset.json"))).isEqualTo(dataset);
        Cli.run("demo", "--out", out.toString(), "--force").assertOk();
    }

    @Test
    void keygenWritesTheKeyPairAndPrintsThePublicKey() throws IOException {
        Cli.Result result = Cli.run("keygen", "--id", "E", "--out", folder.toString(), "--provider", "bouncycastle").assertOk();
        String spki = result.out().strip();
        assertThat(spki).startsWith("30820122300d06092a864886f70d0101010500").matches("[0-9a-f]+");
        assertThat(Files.readString(folder.resolve("E.pub")).strip()).isEqualTo(spki);
        assertThat(Files.readString(folder.resolve("E.key")).strip()).startsWith("308204").matches("[0-9a-f]+");
        assertPrivate(folder.resolve("E.key"));
        assertThat(result.err()).contains("E.key").doesNotContain(Files.readString(folder.resolve("E.key")).substring(100, 160));

        byte[] key = Cli.bytes(folder.resolve("E.key"));
        Cli.run("keygen", "--id", "E", "--out", folder.toString()).assertFails(ExitCodes.BAD_INPUT);
        assertThat(Cli.bytes(folder.resolve("E.key"))).isEqualTo(key);
        Cli.run("keygen", "--id", "E", "--out", folder.toString(), "--force").assertOk();
        assertThat(Cli.bytes(folder.resolve("E.key"))).isNotEqualTo(key);

        Cli.run("keygen", "--id", "F", "--out", folder.toString(), "--bits", "1024").assertFails(ExitCodes.USAGE);
        Cli.run("keygen", "--id", "../F", "--out", folder.toString()).assertFails(ExitCodes.USAGE);
    }

    @Test
    void addPartyRegistersAPublicKeyGivenAsFileOrHex() {
        Path dir = Cli.fixture(folder);
        Path dataset = dir.resolve("dataset.json");
        String spki = Cli.run("keygen", "--id", "E", "--out", dir.toString()).assertOk().out().strip();
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
        Cli.Result shared = Cli.run("share", "--dataset", dataset.toString(), "--as", "B", "--key",
                dir.resolve("B.pem").toString(), "--with", "D", "--entity", "F-1").assertOk();
        assertThat(shared.out()).contains("created pair key {B→D}", "shared with 'D': form 'F-1'");
        if (posix) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataset))).isEqualTo("rw-r-----");
        }
        Cli.Result d = Cli.run("decrypt", "--dataset", dataset.toString(), "--as", "D",
                "--key", dir.resolve("D.pkcs8.hex").toString()).assertOk();
        assertThat(d.out()).contains("Referral letter to cardiology").doesNotContain("Allergic");
    }

    private static void assertPrivate(Path file) throws IOException {
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
    }
}
