package org.medcrypt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medcrypt.agility.KeylessAudit;
import org.medcrypt.json.JsonLimits;

/**
 * Hostile input against the limits of the JSON readers and of key files (README "Limits"): each
 * is refused with exit code 3 and one line that names the limit, never an exception from deep
 * inside Jackson, an out-of-memory error or a hang; the dataset is left as it was.
 */
class InputLimitsTest {

    @TempDir
    Path folder;

    /** The fixture's dataset with {@code extra} added as a last top-level field. */
    private Path datasetWith(String name, String extraJson) {
        Path dir = Cli.fixture(folder);
        String text = Cli.text(dir.resolve("dataset.json")).strip();
        write(dir.resolve("dataset.json"), text.substring(0, text.length() - 1) + ", \"" + name + "\": " + extraJson + "}");
        return dir;
    }

    private static Cli.Result decryptAsB(Path dir, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("decrypt", "--dataset", dir.resolve("dataset.json").toString(),
                "--as", "B", "--key", dir.resolve("B.pkcs8.hex").toString()));
        args.addAll(List.of(more));
        return Cli.run(args);
    }

    /** Runs decrypt and share on the spoilt dataset: both refuse it naming {@code limit}; the file is unchanged. */
    private static void refusedNaming(Path dir, String limit, String value) {
        byte[] before = Cli.bytes(dir.resolve("dataset.json"));
        Cli.Result decrypt = decryptAsB(dir).assertFails(ExitCodes.BAD_INPUT);
        assertThat(decrypt.err()).contains("over a limit", "JsonLimits." + limit, value, "README");
        Cli.Result share = Cli.run("share", "--dataset", dir.resolve("dataset.json").toString(), "--as", "A",
                "--key", dir.resolve("A.pkcs8.hex").toString(), "--with", "C", "--entity", "F-1").assertFails(ExitCodes.BAD_INPUT);
        assertThat(share.err()).contains("JsonLimits." + limit);
        assertThat(Cli.bytes(dir.resolve("dataset.json"))).isEqualTo(before);
    }

    @Test
    void jsonNested200000DeepIsRefusedNamingTheDepthLimit() {
        refusedNaming(datasetWith("x", "[".repeat(200_000) + "]".repeat(200_000)), "MAX_NESTING_DEPTH", "200");
    }

    @Test
    void depthJustUnderTheLimitIsRead() {
        // the dataset's object and the field's 198 arrays: 199 levels
        decryptAsB(datasetWith("x", "[".repeat(198) + "]".repeat(198))).assertOk();
    }

    @Test
    void aThirtyMegabyteStringIsRefusedNamingTheStringLimit() {
        refusedNaming(datasetWith("x", "\"" + "a".repeat(30_000_000) + "\""), "MAX_STRING_LENGTH", "8,000,000");
    }

    @Test
    void aFiveThousandDigitNumberIsRefusedNamingTheNumberLimit() {
        refusedNaming(datasetWith("x", "1".repeat(5_000)), "MAX_NUMBER_LENGTH", "1,000");
    }

    @Test
    void aTwentyThousandCharacterKeyIsRefusedNamingTheKeyLimit() {
        refusedNaming(datasetWith("x", "{\"" + "k".repeat(20_000) + "\": 1}"), "MAX_NAME_LENGTH", "10,000");
    }

    @Test
    void aDocumentOverSixteenMegabytesIsRefusedNamingTheDocumentLimit() {
        // three strings of 6,000,000 characters, each under the string limit, in one patient
        String big = "\"" + "a".repeat(6_000_000) + "\"";
        Path dir = Cli.fixture(folder);
        String text = Cli.text(dir.resolve("dataset.json"));
        write(dir.resolve("dataset.json"), text.replaceFirst("\"patients\"\\s*:\\s*\\[",
                "\"patients\": [{\"id\": \"big\", \"a\": " + big + ", \"b\": " + big + ", \"c\": " + big + "},"));
        refusedNaming(dir, "MAX_DOCUMENT_BYTES", "16,000,000");
        assertThat(decryptAsB(dir).err()).contains("patients[0]");
    }

    @Test
    void aDatasetOverTheDatasetLimitIsRefusedBeforeItIsRead() throws IOException {
        Path dir = Cli.fixture(folder);
        Path huge = dir.resolve("huge.json");
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(JsonLimits.MAX_DATASET_BYTES + 1); // sparse: no disk, and never read
        }

        Cli.Result result = Cli.run("decrypt", "--dataset", huge.toString(), "--as", "B",
                "--key", dir.resolve("B.pkcs8.hex").toString()).assertFails(ExitCodes.BAD_INPUT);

        assertThat(result.err()).contains("larger than 512,000,000 bytes", "JsonLimits.MAX_DATASET_BYTES");
    }

    @Test
    void theAuditAndTheOtherReadersShareOneSetOfLimits() {
        assertThat(KeylessAudit.MAX_NESTING_DEPTH).isEqualTo(JsonLimits.MAX_NESTING_DEPTH);
        assertThat(KeylessAudit.MAX_STRING_LENGTH).isEqualTo(JsonLimits.MAX_STRING_LENGTH);
        assertThat(KeylessAudit.MAX_NUMBER_LENGTH).isEqualTo(JsonLimits.MAX_NUMBER_LENGTH);
        assertThat(KeylessAudit.MAX_NAME_LENGTH).isEqualTo(JsonLimits.MAX_NAME_LENGTH);
        assertThat(KeylessAudit.MAX_DOCUMENT_BYTES).isEqualTo(JsonLimits.MAX_DOCUMENT_BYTES);
    }

    @Test
    void aDuplicateTopLevelKeyIsStillRefused() {
        Path dir = datasetWith("patients", "[]");
        assertThat(decryptAsB(dir).assertFails(ExitCodes.BAD_INPUT).err()).contains("Duplicate field 'patients'");
    }

    // ---------------------------------------------------------------- key files and --json files

    @Test
    void aKeyFileOverTheLimitIsRefusedAndNotRead() {
        Path dir = Cli.fixture(folder);
        Path big = dir.resolve("big.key");
        write(big, Cli.text(dir.resolve("B.pkcs8.hex")).strip() + "\n" + " ".repeat(KeyFiles.MAX_KEY_FILE_BYTES));

        Cli.Result result = Cli.run("decrypt", "--dataset", dir.resolve("dataset.json").toString(), "--as", "B",
                "--key", big.toString()).assertFails(ExitCodes.BAD_INPUT);

        assertThat(result.err()).contains("larger than 1,000,000 bytes", "MAX_KEY_FILE_BYTES");
    }

    @Test
    void aKeyFileThatNeverEndsIsRefused() {
        assumeTrue(Files.isReadable(Path.of("/dev/zero")), "a device that never ends");
        Path dir = Cli.fixture(folder);

        Cli.Result result = Cli.run("decrypt", "--dataset", dir.resolve("dataset.json").toString(), "--as", "B",
                "--key", "/dev/zero").assertFails(ExitCodes.BAD_INPUT);

        assertThat(result.err()).contains("MAX_KEY_FILE_BYTES");
    }

    @Test
    void aPublicKeyFileThatNeverEndsIsRefused() {
        assumeTrue(Files.isReadable(Path.of("/dev/zero")), "a device that never ends");
        Path dir = Cli.fixture(folder);

        Cli.run("add-party", "--dataset", dir.resolve("dataset.json").toString(), "--id", "E",
                "--public-key", "/dev/zero").assertFails(ExitCodes.BAD_INPUT);
    }

    @Test
    void aJsonFileOverTheDocumentLimitIsRefused() throws IOException {
        Path dir = Cli.fixture(folder);
        Path signing = Cli.signingKey(dir, "A");
        Path json = dir.resolve("doc.json");
        try (OutputStream out = Files.newOutputStream(json)) {
            out.write("{\"note\": \"".getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = "a".repeat(1_000_000).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 17; i++) {
                out.write(chunk);
            }
            out.write("\"}".getBytes(StandardCharsets.US_ASCII));
        }
        byte[] before = Cli.bytes(dir.resolve("dataset.json"));

        Cli.Result result = Cli.run("create", "--dataset", dir.resolve("dataset.json").toString(), "--as", "A",
                "--key", dir.resolve("A.pkcs8.hex").toString(), "--key", signing.toString(), "--type", "patient",
                "--json", json.toString()).assertFails(ExitCodes.BAD_INPUT);

        assertThat(result.err()).contains("MAX_DOCUMENT_BYTES");
        assertThat(Cli.bytes(dir.resolve("dataset.json"))).isEqualTo(before);
    }

    @Test
    void anInlineJsonOverTheStringLimitNamesIt() {
        Path dir = Cli.fixture(folder);
        Path signing = Cli.signingKey(dir, "A");

        Cli.Result result = Cli.run("create", "--dataset", dir.resolve("dataset.json").toString(), "--as", "A",
                "--key", dir.resolve("A.pkcs8.hex").toString(), "--key", signing.toString(), "--type", "patient",
                "--json", "{\"n\": " + "9".repeat(2_000) + "}").assertFails(ExitCodes.BAD_INPUT);

        assertThat(result.err()).contains("JsonLimits.MAX_NUMBER_LENGTH");
    }

    private static void write(Path file, String content) {
        try {
            Files.write(file, content.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
