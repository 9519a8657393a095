package org.medcrypt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medcrypt.json.MedcryptJson;

/**
 * {@code migrate} and {@code revoke} on the dataset made by iCure's own SDK ({@code Cli.fixture}):
 * every party reads what it read before (checked against the fixture's {@code expected.json}), a
 * repeat leaves the file byte for byte as it was, bad input is one line with its exit code and
 * changes nothing, and a file that cannot be replaced stays as it was.
 */
class MigrateAndRevokeCommandTest {

    @TempDir
    Path folder;

    private Path dir;
    private Path dataset;
    private Path signing;
    private JsonNode expected;

    @BeforeEach
    void setUp() {
        dir = Cli.fixture(folder);
        dataset = dir.resolve("dataset.json");
        signing = Cli.signingKey(dir, "A");
        expected = MedcryptJson.parseObject(Cli.bytes(dir.resolve("expected.json")), "expected");
    }

    private List<String> asA(String... args) {
        List<String> command = new ArrayList<>(List.of(args));
        command.addAll(List.of("--dataset", dataset.toString(), "--as", "A",
                "--key", dir.resolve("A.pkcs8.hex").toString(), "--key", signing.toString()));
        // iCure's SDK made A's pair keys, unsigned: A re-grants access under them only if it trusts them
        command.add("--trust-unsigned-pair-keys");
        return command;
    }

    private String decryptAs(String party) {
        return Cli.run("decrypt", "--dataset", dataset.toString(), "--as", party,
                "--key", dir.resolve(party + ".pkcs8.hex").toString()).assertOk().out();
    }

    private void everyPartyReadsWhatItReadBefore() {
        for (String party : List.of("A", "B", "C", "D")) {
            IcureFixtureTest.assertMatchesExpected(decryptAs(party), expected.get(party));
        }
    }

    @Test
    void migrateRereadsTheSameForEveryPartyAndASecondRunChangesNoByte() {
        byte[] before = Cli.bytes(dataset);
        Cli.Result dry = Cli.run(asA("migrate", "--to", "v2", "--dry-run")).assertOk();
        assertThat(dry.out()).contains("would migrate to v2: 4", "dry run:");
        assertThat(Cli.bytes(dataset)).isEqualTo(before);

        Cli.Result first = Cli.run(asA("migrate", "--to", "v2")).assertOk();
        assertThat(first.out()).contains("migrated to v2: 4 (patient '1234', contact '4567', form 'F-1', health element 'HE-1')",
                "skipped: 0", "per delegate:", "  B: 4 entities, new signed v2 pair key {A→B}",
                "  C: 3 entities, new signed v2 pair key {A→C}", "updated " + dataset);
        byte[] migrated = Cli.bytes(dataset);
        assertThat(migrated).isNotEqualTo(before);
        assertThat(decryptAs("B")).contains("\"suite\" : \"V2_GCM_OAEP256\"").doesNotContain("V1_ICURE");
        everyPartyReadsWhatItReadBefore();

        Cli.Result second = Cli.run(asA("migrate", "--to", "v2")).assertOk();
        assertThat(second.out()).contains("migrated to v2: 0", "already v2, nothing to do: 4", "nothing to do:");
        assertThat(Cli.bytes(dataset)).isEqualTo(migrated);
    }

    @Test
    void migrateKeepingV1KeepsWhatIcuresSdkReadsAndFinishesLater() {
        Cli.Result kept = Cli.run(asA("migrate", "--to", "v2", "--keep-v1")).assertOk();
        assertThat(kept.out()).contains("migrated to v2: 4", "kept v1 entries and v1 encryptedSelf");
        everyPartyReadsWhatItReadBefore();
        byte[] once = Cli.bytes(dataset);
        Cli.run(asA("migrate", "--to", "v2", "--keep-v1")).assertOk();
        assertThat(Cli.bytes(dataset)).isEqualTo(once);

        assertThat(Cli.run(asA("migrate", "--to", "v2")).assertOk().out()).contains("migrated to v2: 4");
        everyPartyReadsWhatItReadBefore();
        assertThat(Cli.text(dataset)).doesNotContain("medcryptEncryptedSelf");
    }

    @Test
    void revokeTakesTheDelegateOutOfThePatientAndItsChildrenOnly() {
        Cli.Result revoked = Cli.run(asA("revoke", "--entity", "1234", "--from", "C", "--cascade")).assertOk();
        assertThat(revoked.out()).contains("revoked 'C' from patient '1234', contact '4567', health element 'HE-1'",
                "'C' had no entry in: form 'F-1'", "remaining delegates: 'A', 'B'", "updated " + dataset,
                "keeps what it already read");
        assertThat(revoked.out()).doesNotContain("also removed");
        for (String party : List.of("A", "B", "D")) {
            IcureFixtureTest.assertMatchesExpected(decryptAs(party), expected.get(party));
        }
        JsonNode seenByC = MedcryptJson.parseObject(decryptAs("C"), "decrypt output");
        for (String collection : List.of("patients", "contacts", "forms", "healthElements")) {
            assertThat(seenByC.get(collection).size()).as(collection).isZero();
        }
        byte[] once = Cli.bytes(dataset);
        assertThat(Cli.run(asA("revoke", "--entity", "1234", "--from", "C", "--cascade")).assertOk().out())
                .contains("nothing to do");
        assertThat(Cli.bytes(dataset)).isEqualTo(once);
    }

    @Test
    void bothHaveHelpWithTheExitCodesAndTheTrustOptions() {
        for (String command : List.of("migrate", "revoke")) {
            assertThat(Cli.run(command, "--help").assertOk().out()).contains("Usage:", "Exit codes:", "access denied",
                    "--trust-unsigned-pair-keys", "--pin-signing-key=ID=HEX", "--provider=ID");
        }
    }

    @Test
    void badInputIsOneLineWithItsExitCodeAndChangesNothing() {
        byte[] before = Cli.bytes(dataset);
        Cli.run(asA("migrate", "--to", "v3")).assertFails(ExitCodes.USAGE);
        Cli.run(asA("migrate")).assertFails(ExitCodes.USAGE);
        Cli.run("migrate", "--to", "v2", "--dataset", dataset.toString(), "--as", "A",
                "--key", dir.resolve("A.pkcs8.hex").toString()).assertFails(ExitCodes.BAD_INPUT); // no signing key
        Cli.run("migrate", "--to", "v2", "--dataset", dataset.toString(), "--as", "A",
                "--key", dir.resolve("B.pkcs8.hex").toString(), "--key", signing.toString()).assertFails(ExitCodes.BAD_INPUT);
        Cli.run("migrate", "--to", "v2", "--dataset", dir.resolve("nope.json").toString(), "--as", "A",
                "--key", dir.resolve("A.pkcs8.hex").toString()).assertFails(ExitCodes.BAD_INPUT);
        Cli.run(asA("revoke", "--entity", "1234", "--from", "A")).assertFails(ExitCodes.BAD_INPUT);
        Cli.run(asA("revoke", "--entity", "1234", "--from", "Z")).assertFails(ExitCodes.BAD_INPUT);
        Cli.run(asA("revoke", "--entity", "nope", "--from", "B")).assertFails(ExitCodes.BAD_INPUT);
        Cli.run(asA("revoke", "--entity", "4567", "--from", "B", "--cascade")).assertFails(ExitCodes.BAD_INPUT);
        Cli.run(asA("revoke", "--entity", "1234")).assertFails(ExitCodes.USAGE);
        Cli.run("revoke", "--dataset", dataset.toString(), "--as", "D", "--key", dir.resolve("D.pkcs8.hex").toString(),
                "--entity", "1234", "--from", "B").assertFails(ExitCodes.ACCESS_DENIED);
        assertThat(Cli.bytes(dataset)).isEqualTo(before);
    }

    @Test
    void aDatasetThatCannotBeReplacedStaysAsItWas() throws IOException {
        byte[] before = Cli.bytes(dataset);
        assumeTrue(lockFolder(dir), "cannot make a folder unwritable here");
        try {
            Cli.run(asA("migrate", "--to", "v2")).assertFails(ExitCodes.BAD_INPUT);
            Cli.run(asA("revoke", "--entity", "1234", "--from", "C")).assertFails(ExitCodes.BAD_INPUT);
        } finally {
            unlockFolder(dir);
        }
        assertThat(Cli.bytes(dataset)).isEqualTo(before);
        try (var files = Files.list(dir)) {
            assertThat(files.map(file -> file.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    /** No new file in the folder: read-only for a normal user; immutable (chattr) for root, who ignores modes. */
    private static boolean lockFolder(Path folder) throws IOException {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            try {
                Process chattr = new ProcessBuilder("chattr", "+i", folder.toString()).redirectErrorStream(true).start();
                chattr.getInputStream().readAllBytes();
                if (chattr.waitFor() != 0) {
                    return false;
                }
            } catch (IOException | InterruptedException e) {
                return false;
            }
        } else {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
        }
        try {
            Files.delete(Files.createTempFile(folder, "probe", ".tmp"));
            unlockFolder(folder);
            return false; // still writable: the test would prove nothing
        } catch (IOException expected) {
            return true;
        }
    }

    private static void unlockFolder(Path folder) throws IOException {
        try {
            new ProcessBuilder("chattr", "-i", folder.toString()).redirectErrorStream(true).start().waitFor();
        } catch (IOException | InterruptedException e) {
            // not root, or no chattr: permissions below
        }
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
