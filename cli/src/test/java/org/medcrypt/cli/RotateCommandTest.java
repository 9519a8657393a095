package org.medcrypt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medcrypt.json.MedcryptJson;

/**
 * {@code medcrypt rotate} and {@code medcrypt grant-key-update} end to end on the demo dataset:
 * after the rotation and the grant, the party reads with its new key file alone exactly what it
 * read before, every other party too (pinned readers included), and every failure leaves the
 * dataset byte for byte as it was and no new key file behind.
 */
class RotateCommandTest {

    @TempDir
    Path folder;

    private Path demo(String suite) {
        Path out = folder.resolve("demo");
        Cli.run("demo", "--out", out.toString(), "--suite", suite).assertOk();
        return out;
    }

    private static String decrypt(Path dataset, String party, Path... keys) {
        return decrypt(dataset, party, List.of(), keys);
    }

    private static String decrypt(Path dataset, String party, List<String> extra, Path... keys) {
        List<String> args = new java.util.ArrayList<>(List.of("decrypt", "--dataset", dataset.toString(), "--as", party));
        for (Path key : keys) {
            args.add("--key");
            args.add(key.toString());
        }
        args.addAll(extra);
        return Cli.run(args).assertOk().out();
    }

    /** What {@code medcrypt audit --as B} reports as failing with B's new key alone (compact JSON). */
    private static String failuresAsNewB(Path dataset, Path newB) {
        String json = Cli.run("audit", "--dataset", dataset.toString(), "--format", "json", "--as", "B", "--key",
                newB.resolve("B.key").toString()).assertOk().out();
        return MedcryptJson.parseObject(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), "audit")
                .get("access").get("failures").toString();
    }

    private static String publicKeyOf(Path dataset, String party) {
        for (var document : MedcryptJson.parseObject(Cli.bytes(dataset), "dataset").get("healthcareParties")) {
            if (document.path("id").asText().equals(party)) {
                return document.path("publicKey").asText();
            }
        }
        throw new AssertionError(party);
    }

    @ParameterizedTest(name = "--suite {0}")
    @ValueSource(strings = {"v1", "v2"})
    void afterRotateAndGrantThePartyReadsWithItsNewKeyAloneAndNobodysViewChanges(String suite) throws IOException {
        Path out = demo(suite);
        Path dataset = out.resolve("dataset.json");
        Map<String, String> before = new LinkedHashMap<>();
        for (String party : List.of("A", "B", "C")) {
            before.put(party, decrypt(dataset, party, out.resolve(party + ".key")));
        }
        String pinA = Cli.publishedSigningKey(dataset, "A").orElseThrow();
        String pinnedCBefore = decrypt(dataset, "C", List.of("--pin-signing-key", "A=" + pinA), out.resolve("C.key"));

        // B rotates: it owns no pair key, so it asks A, the owner of {AB}
        Path newB = folder.resolve("newB");
        Cli.Result rotated = Cli.run("rotate", "--dataset", dataset.toString(), "--as", "B", "--key",
                out.resolve("B.key").toString(), "--out", newB.toString()).assertOk();
        assertThat(rotated.out()).contains("rotated 'B'", "requested from 'A'", "updated " + dataset);
        assertThat(Files.readString(newB.resolve("B.pub")).strip()).isEqualTo(publicKeyOf(dataset, "B"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(newB.resolve("B.key")))).isEqualTo("rw-------");
        assertThat(decrypt(dataset, "B", newB.resolve("B.key"), out.resolve("B.key"))).isEqualTo(before.get("B"));

        // the audit, as B with its new key alone, names what still needs the old key: all of it, until A grants
        assertThat(failuresAsNewB(dataset, newB)).isEqualTo(
                "[{\"reason\":\"pairKeyNotUnwrapped\",\"count\":2,\"ids\":[\"1234\",\"4567\"]}]");

        Cli.Result granted = Cli.run("grant-key-update", "--dataset", dataset.toString(), "--as", "A", "--key",
                out.resolve("A.key").toString()).assertOk();
        assertThat(granted.out()).contains("granted 'B'", "updated " + dataset);
        assertThat(decrypt(dataset, "B", newB.resolve("B.key"))).as("B with its new key alone").isEqualTo(before.get("B"));
        assertThat(failuresAsNewB(dataset, newB)).isEqualTo("[]");
        for (String party : List.of("A", "C")) {
            assertThat(decrypt(dataset, party, out.resolve(party + ".key"))).isEqualTo(before.get(party));
        }

        // granting again changes nothing
        byte[] written = Cli.bytes(dataset);
        assertThat(Cli.run("grant-key-update", "--dataset", dataset.toString(), "--as", "A", "--key",
                out.resolve("A.key").toString()).assertOk().out()).contains("nothing to do");
        assertThat(Cli.bytes(dataset)).isEqualTo(written);

        // A rotates: it owns {AA}, {AB}, {AC}; nobody else owns a pair key with it
        Path newA = folder.resolve("newA");
        Cli.Result rotatedA = Cli.run("rotate", "--dataset", dataset.toString(), "--as", "A", "--key",
                out.resolve("A.key").toString(), "--out", newA.toString()).assertOk();
        assertThat(rotatedA.out()).contains("re-wrapped for the new key: {A→", "{A→B}", "{A→C}").doesNotContain("requested from");
        assertThat(decrypt(dataset, "A", newA.resolve("A.key"))).isEqualTo(before.get("A"));
        // the old key file alone: its signing key is no longer the published one, and the error says what to do
        Cli.Result oldAlone = Cli.run("decrypt", "--dataset", dataset.toString(), "--as", "A", "--key", out.resolve("A.key").toString())
                .assertFails(ExitCodes.BAD_INPUT);
        assertThat(oldAlone.err()).contains("older signing key of 'A'", "--key NEW --key OLD");
        assertThat(decrypt(dataset, "A", newA.resolve("A.key"), out.resolve("A.key"))).isEqualTo(before.get("A"));
        assertThat(decrypt(dataset, "B", newB.resolve("B.key"))).isEqualTo(before.get("B"));
        assertThat(decrypt(dataset, "C", out.resolve("C.key"))).isEqualTo(before.get("C"));
        // C pinned A's old signing key: the rotation step A's old key signed leads it to the new one
        assertThat(decrypt(dataset, "C", List.of("--pin-signing-key", "A=" + pinA), out.resolve("C.key")))
                .isEqualTo(pinnedCBefore);
    }

    @Test
    void badInputIsOneLineAndLeavesTheDatasetAndTheOutFolderAsTheyWere() throws IOException {
        Path out = demo("v2");
        Path dataset = out.resolve("dataset.json");
        byte[] before = Cli.bytes(dataset);
        Path newKeys = folder.resolve("new");
        String ds = dataset.toString();
        // someone else's key
        Cli.run("rotate", "--dataset", ds, "--as", "B", "--key", out.resolve("C.key").toString(), "--out", newKeys.toString())
                .assertFails(ExitCodes.BAD_INPUT);
        // unknown party, missing key file, bad size, missing --out
        Cli.run("rotate", "--dataset", ds, "--as", "Z", "--key", out.resolve("C.key").toString(), "--out", newKeys.toString())
                .assertFails(ExitCodes.BAD_INPUT);
        Cli.run("rotate", "--dataset", ds, "--as", "B", "--key", out.resolve("none.key").toString(), "--out", newKeys.toString())
                .assertFails(ExitCodes.BAD_INPUT);
        Cli.run("rotate", "--dataset", ds, "--as", "B", "--key", out.resolve("B.key").toString(), "--out", newKeys.toString(),
                "--bits", "1024").assertFails(ExitCodes.USAGE);
        Cli.run("rotate", "--dataset", ds, "--as", "B", "--key", out.resolve("B.key").toString()).assertFails(ExitCodes.USAGE);
        // the new key would overwrite a key file
        Cli.run("rotate", "--dataset", ds, "--as", "B", "--key", out.resolve("B.key").toString(), "--out", out.toString())
                .assertFails(ExitCodes.BAD_INPUT);
        // A publishes a signing key: rotating with its RSA key alone cannot endorse the new one
        Path rsaOnly = folder.resolve("A-rsa.key");
        List<byte[]> keys = org.medcrypt.keys.PrivateKeyText.parseAllPkcs8(Files.readAllBytes(out.resolve("A.key")));
        Files.write(rsaOnly, KeyFiles.pem(List.of(keys.get(0))));
        Cli.run("rotate", "--dataset", ds, "--as", "A", "--key", rsaOnly.toString(), "--out", newKeys.toString())
                .assertFails(ExitCodes.BAD_INPUT);
        // grant with someone else's key
        Cli.run("grant-key-update", "--dataset", ds, "--as", "A", "--key", out.resolve("B.key").toString())
                .assertFails(ExitCodes.BAD_INPUT);
        assertThat(Cli.bytes(dataset)).isEqualTo(before);
        assertThat(newKeys).doesNotExist();
    }

    @Test
    void whenTheDatasetCannotBeWrittenTheNewKeyFilesAreRemovedAndTheDatasetIsUnchanged() throws IOException {
        Path out = demo("v1");
        Path dataset = out.resolve("dataset.json");
        byte[] before = Cli.bytes(dataset);
        Path newKeys = folder.resolve("new");
        if (!lockFolder(out)) {
            return; // neither permissions nor chattr can lock the folder here: nothing to show
        }
        try {
            Cli.run("rotate", "--dataset", dataset.toString(), "--as", "B", "--key", out.resolve("B.key").toString(),
                    "--out", newKeys.toString()).assertFails(ExitCodes.BAD_INPUT);
        } finally {
            unlockFolder(out);
        }
        assertThat(Cli.bytes(dataset)).isEqualTo(before);
        assertThat(newKeys.resolve("B.key")).doesNotExist();
        assertThat(newKeys.resolve("B.pub")).doesNotExist();
        try (var files = Files.list(out)) {
            assertThat(files.map(file -> file.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    /** No new file in the folder: read-only for a normal user; immutable (chattr) for root, who ignores modes. */
    private static boolean lockFolder(Path folder) throws IOException {
        if ("root".equals(System.getProperty("user.name"))) {
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
            return false;
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
