package org.medcrypt.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.medcrypt.KeyException;

/**
 * What mutation testing (PIT, {@code -Pmutation}) showed {@link PrivateKeyTextTest} left unchecked:
 * every whitespace character a key file may hold, which error a bad file gets (each names the block
 * or key), and the DER framing of hex keys at its exact bounds (short and long lengths, a key that
 * fills the file exactly, one byte short).
 */
class PrivateKeyTextMutationGapsTest {

    private static final HexFormat HEX = HexFormat.of();
    private static byte[] rsa;
    private static byte[] ed25519;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        rsa = generator.generateKeyPair().getPrivate().getEncoded();
        ed25519 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded();
    }

    private static String pem(byte[] der, String lineBreak) {
        return "-----BEGIN PRIVATE KEY-----" + lineBreak
                + Base64.getMimeEncoder(64, lineBreak.getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + lineBreak + "-----END PRIVATE KEY-----" + lineBreak;
    }

    private static List<byte[]> parseAll(String text) {
        return PrivateKeyText.parseAllPkcs8(text.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void everyAsciiWhitespaceSeparatesAndSurroundsKeys() {
        String rsaHex = HEX.formatHex(rsa);
        String edHex = HEX.formatHex(ed25519);
        for (String space : List.of(" ", "\t", "\n", "\r", "\f", "\u000b", "\r\n")) {
            assertThat(parseAll(space + edHex + space + rsaHex + space)).as("hex around %s", space.codePointAt(0))
                    .containsExactly(ed25519, rsa);
            assertThat(parseAll(edHex.substring(0, 10) + space + edHex.substring(10))).containsExactly(ed25519);
            assertThat(parseAll(space + pem(ed25519, space) + space + pem(rsa, space))).as("PEM with %s", space.codePointAt(0))
                    .containsExactly(ed25519, rsa);
            assertThat(PrivateKeyText.parsePkcs8((space + edHex + space).getBytes(StandardCharsets.US_ASCII))).isEqualTo(ed25519);
            assertThat(PrivateKeyText.parsePkcs8((space + pem(ed25519, "\n") + space).getBytes(StandardCharsets.US_ASCII)))
                    .isEqualTo(ed25519);
            assertThat(PrivateKeyText.parsePkcs8(space + edHex.substring(0, 20) + space + edHex.substring(20) + space))
                    .isEqualTo(ed25519);
        }
    }

    @Test
    void eachBadFileGetsTheErrorThatSaysWhatIsWrongAndWhere() {
        String rsaPem = pem(rsa, "\n");
        String edPem = pem(ed25519, "\n");
        String edHex = HEX.formatHex(ed25519);
        assertThatThrownBy(() -> parseAll("")).isInstanceOf(KeyException.class).hasMessage("the key file is empty");
        assertThatThrownBy(() -> parseAll(" \r\n\t")).isInstanceOf(KeyException.class).hasMessage("the key file is empty");
        assertThatThrownBy(() -> parseAll(edHex + "0")).hasMessageContaining("odd number of hex digits");
        assertThatThrownBy(() -> parseAll(edHex + "g0")).hasMessage("the key file is neither PKCS#8 hex nor PKCS#8 PEM");
        assertThatThrownBy(() -> parseAll(edHex + edHex.substring(0, edHex.length() - 2)))
                .hasMessageStartingWith("hex key #2 is truncated");
        assertThatThrownBy(() -> parseAll("31" + edHex.substring(2))).hasMessageStartingWith("hex key #1 is not PKCS#8");

        assertThatThrownBy(() -> parseAll("junk\n" + edPem)).hasMessageContaining("text outside its PEM blocks (before block #1)");
        assertThatThrownBy(() -> parseAll(edPem + "junk\n" + rsaPem)).hasMessageContaining("(before block #2)");
        assertThatThrownBy(() -> parseAll(edPem + "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n"))
                .hasMessageStartingWith("PEM block #2 is not a PKCS#8 private key");
        assertThatThrownBy(() -> parseAll(edPem.replace("-----END PRIVATE KEY-----\n", "")))
                .hasMessage("PEM block #1 has no -----END PRIVATE KEY----- line");
        assertThatThrownBy(() -> parseAll(edPem.replace("-----END PRIVATE KEY-----\n", "") + rsaPem))
                .hasMessage("PEM block #1 has no -----END PRIVATE KEY----- line");
        assertThatThrownBy(() -> parseAll(edPem + rsaPem.replace("-----END PRIVATE KEY-----\n", "")))
                .hasMessage("PEM block #2 has no -----END PRIVATE KEY----- line");
        assertThatThrownBy(() -> parseAll(edPem + "-----BEGIN PRIVATE KEY-----\nMC4*\n-----END PRIVATE KEY-----\n"))
                .hasMessage("PEM block #2 is not valid base64");
        byte[] longer = java.util.Arrays.copyOf(ed25519, ed25519.length + 1);
        assertThatThrownBy(() -> parseAll(pem(longer, "\n")))
                .hasMessageStartingWith("PEM block #1 is not one PKCS#8 key: it has bytes after");
        assertThatThrownBy(() -> parseAll(pem(java.util.Arrays.copyOf(ed25519, 20), "\n")))
                .hasMessageStartingWith("PEM block #1 is truncated");

        assertThatThrownBy(() -> PrivateKeyText.parsePkcs8(" \n")).hasMessage("the private key is empty");
        assertThatThrownBy(() -> PrivateKeyText.parsePkcs8(" \n".getBytes(StandardCharsets.US_ASCII)))
                .hasMessage("the private key is empty");
        assertThatThrownBy(() -> PrivateKeyText.parsePkcs8(new byte[0])).hasMessage("the private key is empty");
        assertThatThrownBy(() -> PrivateKeyText.parsePkcs8("abc".getBytes(StandardCharsets.US_ASCII)))
                .hasMessage("the private key is neither PKCS#8 hex nor PKCS#8 PEM");
        assertThatThrownBy(() -> PrivateKeyText.parsePkcs8("0g".getBytes(StandardCharsets.US_ASCII)))
                .hasMessage("the private key is neither PKCS#8 hex nor PKCS#8 PEM");
        assertThatThrownBy(() -> PrivateKeyText.parsePkcs8("g0".getBytes(StandardCharsets.US_ASCII)))
                .hasMessage("the private key is neither PKCS#8 hex nor PKCS#8 PEM");
        assertThatThrownBy(() -> PrivateKeyText.parsePkcs8("abc")).hasMessage("the private key is neither PKCS#8 hex nor PKCS#8 PEM");
        assertThatThrownBy(() -> PrivateKeyText.parsePkcs8("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----"))
                .hasMessageStartingWith("only PKCS#8 PEM");
        assertThatThrownBy(() -> PrivateKeyText.parsePkcs8(edPem.replace("-----END PRIVATE KEY-----\n", "")))
                .hasMessageContaining("has no -----END PRIVATE KEY----- line");
        assertThatThrownBy(() -> PrivateKeyText.parsePkcs8("-----BEGIN PRIVATE KEY-----\nMC4*\n-----END PRIVATE KEY-----"))
                .hasMessage("the PEM private key is not valid base64");
    }

    @Test
    void hexKeysAreSplitOnTheirDerLengthAtItsExactBounds() {
        // short form: 0 and 127 content bytes; long form: one, two and three length bytes
        assertThat(parseAll("3000")).containsExactly(new byte[] {0x30, 0x00});
        assertThat(parseAll("3000" + "3000")).hasSize(2);
        String short127 = "307f" + "00".repeat(127);
        assertThat(parseAll(short127 + "3000")).extracting(key -> key.length).containsExactly(129, 2);
        String long128 = "308180" + "00".repeat(128);
        assertThat(parseAll(long128)).extracting(key -> key.length).containsExactly(131);
        assertThat(parseAll("30820003" + "000000" + "3000")).extracting(key -> key.length).containsExactly(7, 2);
        assertThat(parseAll("3083000002" + "0000")).extracting(key -> key.length).containsExactly(7);
        assertThat(parseAll("3081" + "05" + "0102030405")).containsExactly(HEX.parseHex("30810501020304" + "05"));

        for (String bad : List.of("30", "3080", "308400000001" + "00", "3082" + "01", "3183" + "000000")) {
            assertThatThrownBy(() -> parseAll(bad)).as(bad).isInstanceOf(KeyException.class)
                    .hasMessageStartingWith("hex key #1 is not PKCS#8");
        }
        assertThatThrownBy(() -> parseAll("3001")).hasMessageStartingWith("hex key #1 is truncated");
        assertThatThrownBy(() -> parseAll("307f" + "00".repeat(126))).hasMessageStartingWith("hex key #1 is truncated");
        assertThatThrownBy(() -> parseAll("308180" + "00".repeat(127))).hasMessageStartingWith("hex key #1 is truncated");
        assertThatThrownBy(() -> parseAll("3000" + "3002" + "00")).hasMessageStartingWith("hex key #2 is truncated");
        // the real keys: a long-form (RSA) and a short-form (Ed25519) SEQUENCE, and what a PEM block holds
        assertThat(rsa[1] & 0xff).isEqualTo(0x82);
        assertThat(ed25519[1] & 0xff).isLessThan(0x80);
        assertThat(parseAll(HEX.formatHex(rsa) + HEX.formatHex(ed25519))).containsExactly(rsa, ed25519);
        assertThat(parseAll(pem(HEX.parseHex("3000"), "\n"))).containsExactly(new byte[] {0x30, 0x00});
    }

    @Test
    void aPemFileIsRecognisedByItsDashesAnywhere() {
        String edHex = HEX.formatHex(ed25519);
        // hex followed by dashes is a PEM file with text before its first block
        assertThatThrownBy(() -> parseAll(edHex + "\n-----")).hasMessageContaining("text outside its PEM blocks");
        assertThatThrownBy(() -> parseAll("-----")).hasMessageContaining("text outside its PEM blocks (before block #1)");
        assertThatThrownBy(() -> parseAll("----")).hasMessageStartingWith("the key file is neither");
        assertThat(PrivateKeyText.parsePkcs8(pem(ed25519, "\n"))).isEqualTo(ed25519);
    }
}
