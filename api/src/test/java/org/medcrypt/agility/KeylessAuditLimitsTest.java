package org.medcrypt.agility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medcrypt.FormatException;

/**
 * A store may serve a hostile dataset: every document the keyless audit holds at once is bounded
 * by its limits, and going over one is a one-line {@link FormatException} that names it. The
 * review's shapes run in a JVM with a 128 MB heap (as {@link KeylessAuditMemoryTest}): a clean
 * error, no {@link OutOfMemoryError}, no {@link NullPointerException}.
 */
class KeylessAuditLimitsTest {

    @TempDir
    Path folder;

    private static AuditReport audit(String json) {
        return KeylessAudit.of(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "x",
                KeylessAudit.Progress.none());
    }

    private static org.assertj.core.api.AbstractThrowableAssert<?, ?> refused(String json) {
        return assertThatThrownBy(() -> audit(json)).isInstanceOf(FormatException.class)
                .hasMessageStartingWith("x is over a limit of the audit: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").hasSizeLessThan(300));
    }

    // ------------------------------------------------------------ in this JVM

    @Test
    void deepNestingIsRefusedWithTheLimitNamed() {
        String deep = "[".repeat(200_000) + "]".repeat(200_000);
        refused("{\"contacts\": [{\"id\": \"X\", \"junk\": " + deep + "}]}")
                .hasMessageContaining("nesting depth").hasMessageContaining("" + KeylessAudit.MAX_NESTING_DEPTH)
                .hasMessageContaining("(line 1, column ");
        refused("{\"healthcareParties\": [{\"id\": \"A\", \"junk\": " + deep + "}]}")
                .hasMessageContaining("nesting depth").hasMessageContaining("" + KeylessAudit.MAX_NESTING_DEPTH);
        // at the limit: the dataset object, the collection, the document and its own arrays
        String fine = "[".repeat(KeylessAudit.MAX_NESTING_DEPTH - 3) + "]".repeat(KeylessAudit.MAX_NESTING_DEPTH - 3);
        assertThat(audit("{\"contacts\": [{\"id\": \"X\", \"junk\": " + fine + "}], \"healthcareParties\": [{\"id\": \"A\", "
                + "\"junk\": " + fine + "}]}").entityTotal()).isEqualTo(1);
    }

    @Test
    void longStringsNumbersAndKeysAreRefusedWithTheLimitNamed() {
        // Jackson checks as its buffer grows, and when the text is taken: an id past MAX_ID_LENGTH is refused first
        refused("{\"contacts\": [{\"id\": \"" + "x".repeat(2 * KeylessAudit.MAX_STRING_LENGTH) + "\"}]}")
                .hasMessageContaining("String value length").hasMessageContaining("MaxStringLength");
        refused("{\"healthcareParties\": [{\"id\": \"A\", \"junk\": \"" + "x".repeat(KeylessAudit.MAX_STRING_LENGTH + 1)
                + "\"}]}").hasMessageContaining("String value length").hasMessageContaining("MaxStringLength");
        refused("{\"contacts\": [{\"id\": \"X\", \"encryptedSelf\": \"" + "A".repeat(KeylessAudit.MAX_STRING_LENGTH + 1)
                + "\"}]}").hasMessageContaining("String value length");
        refused("{\"contacts\": [{\"id\": \"X\", \"n\": " + "1".repeat(KeylessAudit.MAX_NUMBER_LENGTH + 1) + "}]}")
                .hasMessageContaining("Number value length");
        refused("{\"healthcareParties\": [{\"id\": \"A\", \"" + "k".repeat(KeylessAudit.MAX_NAME_LENGTH + 1) + "\": 1}]}")
                .hasMessageContaining("Name length");
    }

    @Test
    void longIdsAreRefusedWithTheLimitNamed() {
        String id = "i".repeat(KeylessAudit.MAX_ID_LENGTH + 1);
        for (String json : List.of("{\"contacts\": [{\"id\": \"" + id + "\"}]}",
                "{\"contacts\": [{\"id\": \"X\", \"responsible\": \"" + id + "\"}]}",
                "{\"contacts\": [{\"id\": \"X\", \"delegations\": {\"B\": [{\"owner\": \"" + id + "\"}]}}]}",
                "{\"contacts\": [{\"id\": \"X\", \"encryptionKeys\": {\"B\": [{\"delegatedTo\": \"" + id + "\"}]}}]}",
                "{\"healthcareParties\": [{\"id\": \"" + id + "\"}]}")) {
            refused(json).hasMessageContaining("1,025 characters, over 1,024 (KeylessAudit.MAX_ID_LENGTH)")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("iiii"));
        }
        String longest = "i".repeat(KeylessAudit.MAX_ID_LENGTH);
        assertThat(audit("{\"contacts\": [{\"id\": \"" + longest + "\"}]}").entityTotal()).isEqualTo(1);
    }

    @Test
    void tooManySmallKeysInOneEntityAreRefused() {
        StringBuilder json = new StringBuilder("{\"contacts\": [{\"id\": \"X\", \"delegations\": {\"B\": [");
        for (int i = 0; i <= KeylessAudit.MAX_SMALL_KEYS_PER_ENTITY; i++) {
            json.append(i == 0 ? "" : ",").append("{\"owner\": \"A\", \"delegatedTo\": \"B\", \"key\": \"00\"}");
        }
        refused(json + "]}}]}").hasMessageContaining("a contact with more than 100,000 small keys")
                .hasMessageContaining("KeylessAudit.MAX_SMALL_KEYS_PER_ENTITY");
        // one fewer is fine
        int cut = json.lastIndexOf(",{");
        assertThat(audit(json.substring(0, cut) + "]}}]}").values()).singleElement()
                .satisfies(v -> assertThat(v.count()).isEqualTo(KeylessAudit.MAX_SMALL_KEYS_PER_ENTITY));
    }

    @Test
    void tooLargeDocumentsAreRefused() {
        String chunk = "\"" + "a".repeat(998) + "\"";
        int chunks = (int) (KeylessAudit.MAX_DOCUMENT_BYTES / 1000) + 1;
        String junk = ("[" + (chunk + ",").repeat(chunks)).replaceAll(",$", "") + "]";
        refused("{\"contacts\": [{\"id\": \"X\", \"junk\": " + junk + "}]}")
                .hasMessageContaining("a contact document larger than 16,000,000 bytes (KeylessAudit.MAX_DOCUMENT_BYTES)");
        refused("{\"healthcareParties\": [{\"id\": \"A\", \"junk\": " + junk + "}]}")
                .hasMessageContaining("a healthcare party document larger than 16,000,000 bytes");
    }

    @Test
    void aPartyDocumentOfTooManyValuesIsRefused() {
        StringBuilder keys = new StringBuilder();
        // each hcPartyKeys entry: an array and two strings
        for (int i = 0; i < KeylessAudit.MAX_PARTY_DOCUMENT_VALUES / 3 + 1; i++) {
            keys.append(i == 0 ? "" : ",").append("\"d").append(i).append("\": [\"00\", \"00\"]");
        }
        refused("{\"healthcareParties\": [{\"id\": \"A\", \"hcPartyKeys\": {" + keys + "}}]}")
                .hasMessageContaining("more than 500,000 JSON values (KeylessAudit.MAX_PARTY_DOCUMENT_VALUES)");
    }

    @Test
    void aPartyDocumentWithADuplicateKeyIsRefused() {
        assertThatThrownBy(() -> audit("{\"healthcareParties\": [{\"id\": \"A\", \"hcPartyKeys\": {\"B\": [\"00\"], "
                + "\"B\": [\"11\"]}}]}")).isInstanceOf(FormatException.class)
                .hasMessageStartingWith("x is not valid JSON: Duplicate field 'B' (line 1, column ");
    }

    @Test
    void theKeyedAuditsDatasetLoaderRefusesDeepNestingInOneLine() {
        // the keyed audit (and every command that decrypts) loads the dataset as a tree, with the same limits
        String deep = "[".repeat(200_000) + "]".repeat(200_000);
        assertThatThrownBy(() -> org.medcrypt.json.Dataset.parse(("{\"contacts\": [{\"id\": \"X\", \"junk\": " + deep
                + "}]}").getBytes(StandardCharsets.UTF_8), "dataset file d")).isInstanceOf(FormatException.class)
                .hasMessageStartingWith("dataset file d is over a limit of medcrypt's JSON reader: arrays and objects "
                        + "nested more than 200 deep (limit JsonLimits.MAX_NESTING_DEPTH)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    // ------------------------------------------------------------ the review's shapes, 128 MB of heap

    private String auditInSmallHeap(Path dataset) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(java.toString(), "-Xmx128m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), KeylessAuditInSmallHeapOrError.class.getName(), dataset.toString()))
                .redirectErrorStream(true).start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("the audit finishes").isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.exitValue()).as(output).isEqualTo(3);
        assertThat(output.lines()).as(output).singleElement().satisfies(line -> assertThat(line)
                .startsWith("ERROR FormatException: dataset file " + dataset + " is over a limit of the audit: ")
                .hasSizeLessThan(400));
        return output;
    }

    @Test
    void oneContactWithThreeMillionSmallKeys() throws Exception {
        Path file = folder.resolve("entries.json");
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("{\"healthcareParties\":[],\"contacts\":[{\"id\":\"X\",\"delegations\":{\"B\":[");
            for (int i = 0; i < 3_000_000; i++) {
                out.write(i == 0 ? "" : ",");
                out.write("{\"owner\":\"A\",\"delegatedTo\":\"B\",\"key\":\"00\"}");
            }
            out.write("]}}]}");
        }
        assertThat(auditInSmallHeap(file)).contains("KeylessAudit.MAX_SMALL_KEYS_PER_ENTITY");
    }

    @Test
    void onePartyDocumentWithTwoMillionHcPartyKeys() throws Exception {
        Path file = folder.resolve("party.json");
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("{\"healthcareParties\":[{\"id\":\"A\",\"publicKey\":\"00\",\"hcPartyKeys\":{");
            for (int i = 0; i < 2_000_000; i++) {
                out.write(i == 0 ? "" : ",");
                out.write("\"d" + i + "\":[\"00\",\"00\"]");
            }
            out.write("}}],\"contacts\":[]}");
        }
        assertThat(auditInSmallHeap(file)).contains("KeylessAudit.MAX_PARTY_DOCUMENT_VALUES");
    }

    @Test
    void eightContactsWithIdsOfNineteenMillionCharacters() throws Exception {
        Path file = folder.resolve("hugeId.json");
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("{\"contacts\":[");
            for (int e = 0; e < 8; e++) {
                out.write((e == 0 ? "" : ",") + "{\"id\":\"" + e);
                for (int i = 0; i < 19_000; i++) {
                    out.write("x".repeat(1000));
                }
                out.write("\"}");
            }
            out.write("]}");
        }
        assertThat(auditInSmallHeap(file)).contains("String value length");
    }

    @Test
    void nestingTwoHundredThousandDeep() throws Exception {
        String deep = "[".repeat(200_000) + "]".repeat(200_000);
        Path entity = Files.writeString(folder.resolve("deep.json"), "{\"contacts\":[{\"id\":\"X\",\"junk\":" + deep + "}]}");
        assertThat(auditInSmallHeap(entity)).contains("nesting depth");
        Path party = Files.writeString(folder.resolve("deepParty.json"),
                "{\"healthcareParties\":[{\"id\":\"A\",\"junk\":" + deep + "}]}");
        assertThat(auditInSmallHeap(party)).contains("nesting depth");
    }

    @Test
    void justUnderTheLimitsADatasetIsAuditedWhole() throws Exception {
        // a contact with one small key fewer than the limit, each for a pair of its own, and a party
        // document of nearly as many values as allowed: both fit in 128 MB with the scan's own state
        Path file = folder.resolve("underTheLimits.json");
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("{\"healthcareParties\":[{\"id\":\"A\",\"publicKey\":\"00\",\"hcPartyKeys\":{");
            for (int i = 0; i < KeylessAudit.MAX_PARTY_DOCUMENT_VALUES / 3 - 10; i++) {
                out.write(String.format("%s\"%036d\":[\"00\",\"00\"]", i == 0 ? "" : ",", i));
            }
            out.write("}}],\"contacts\":[{\"id\":\"X\",\"delegations\":{\"B\":[");
            for (int i = 0; i < KeylessAudit.MAX_SMALL_KEYS_PER_ENTITY - 1; i++) {
                out.write(String.format("%s{\"owner\":\"%036d\",\"delegatedTo\":\"%036d\",\"key\":\"00\"}",
                        i == 0 ? "" : ",", i, i + 1));
            }
            out.write("]}}]}");
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(java.toString(), "-Xmx128m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), KeylessAuditInSmallHeapOrError.class.getName(), file.toString()))
                .redirectErrorStream(true).start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(output).isEqualTo("OK 1");
    }
}
