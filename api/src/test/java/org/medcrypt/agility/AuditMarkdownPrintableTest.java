package org.medcrypt.agility;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Ids, fingerprints and anomaly examples come from the store: the Markdown report shows their
 * control characters as escapes, so a dataset cannot drive the terminal it is read in (ESC, CSI,
 * OSC) nor reorder what is shown (bidirectional controls).
 */
class AuditMarkdownPrintableTest {

    /** C0, DEL, C1 and the bidirectional controls. */
    private static final String CONTROLS = "\u001b]0;owned\u0007\u001b[2J\u001b[32mALL GOOD\u001b[0m\u0000\u0008\t\u007f"
            + "\u0085\u009b\u009d\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c";

    private static boolean isControl(int c) {
        return c < 0x20 && c != '\n' || c >= 0x7f && c <= 0x9f || c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069
                || c == 0x200e || c == 0x200f || c == 0x061c;
    }

    private static String json(String text) {
        StringBuilder out = new StringBuilder();
        text.chars().forEach(c -> out.append(c < 0x20 || c >= 0x7f ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return out.toString();
    }

    @Test
    void noControlCharacterOfTheDatasetReachesTheMarkdown() {
        String bad = json(CONTROLS);
        // the party's id, a key whose fingerprint (its last 32 characters) and a signing key carry controls,
        // an entity's id and owners in anomaly examples
        String dataset = """
                {"healthcareParties": [{"id": "A%1$s", "publicKey": "%2$s%1$s", "medcryptSigningKey": "%1$s",
                   "hcPartyKeys": {"Z%1$s": ["00", "00"]}}],
                 "contacts": [{"id": "X%1$s", "responsible": "R%1$s",
                   "delegations": {"B": [{"owner": "Q%1$s", "delegatedTo": "B%1$s", "key": "zz%1$s"}]}}]}
                """.formatted(bad, "30".repeat(40));
        AuditReport report = KeylessAudit.of(new ByteArrayInputStream(dataset.getBytes(StandardCharsets.UTF_8)), "t",
                KeylessAudit.Progress.none());
        String markdown = AuditMarkdown.render(report);
        assertThat(markdown.chars().filter(AuditMarkdownPrintableTest::isControl).mapToObj(Integer::toHexString))
                .as("control characters in the report").isEmpty();
        assertThat(markdown).contains("A\\u001B]0;owned\\u0007\\u001B[2J", "\\u202E", "\\u2066", "\\u009B", "\\u007F",
                "\\u0009", "\\u0000");
        assertThat(markdown).contains("X\\u001B"); // an entity id in an anomaly example
        // each line of the report is a line of the table it belongs to: nothing broke a row
        assertThat(markdown.lines().filter(line -> line.startsWith("| A"))).hasSize(3) // party, RSA key, signing key
                .allSatisfy(line -> assertThat(line).endsWith(" |"));
    }

    @Test
    void printableLeavesOtherTextAlone() {
        assertThat(AuditMarkdown.printable("patient-é-日本-🙂 | `x`")).isEqualTo("patient-é-日本-🙂 | `x`");
        assertThat(AuditMarkdown.printable("a\u001bb\u202ec")).isEqualTo("a\\u001Bb\\u202Ec");
    }
}
