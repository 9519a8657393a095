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

class PrivateKeyTextTest {

    private static byte[] rsa;
    private static byte[] ed25519;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        rsa = generator.generateKeyPair().getPrivate().getEncoded();
        ed25519 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded();
        assertThat(ed25519).as("RFC 8410 v1 PKCS#8, as key files hold it").hasSize(48);
    }

    private static String pem(byte[] der) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END PRIVATE KEY-----\n";
    }

    private static List<byte[]> parseAll(String text) {
        return PrivateKeyText.parseAllPkcs8(text.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void hexAndPemGiveTheSamePkcs8Bytes() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        byte[] pkcs8 = generator.generateKeyPair().getPrivate().getEncoded();
        String hex = HexFormat.of().formatHex(pkcs8);
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(pkcs8) + "\n-----END PRIVATE KEY-----\n";

        assertThat(PrivateKeyText.parsePkcs8(hex)).isEqualTo(pkcs8);
        assertThat(PrivateKeyText.parsePkcs8(" " + hex.toUpperCase() + "\n")).isEqualTo(pkcs8);
        assertThat(PrivateKeyText.parsePkcs8((hex + "\n").getBytes(StandardCharsets.US_ASCII))).isEqualTo(pkcs8);
        assertThat(PrivateKeyText.parsePkcs8(pem)).isEqualTo(pkcs8);
        assertThat(PrivateKeyText.parsePkcs8(pem.getBytes(StandardCharsets.US_ASCII))).isEqualTo(pkcs8);
    }

    @Test
    void otherTextIsAKeyErrorThatDoesNotQuoteIt() {
        for (String text : new String[] {"", "abc", "zz" + "00".repeat(10), "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----",
                "-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----", "-----BEGIN PRIVATE KEY-----\nAAAA"}) {
            assertThatThrownBy(() -> PrivateKeyText.parsePkcs8(text)).isInstanceOf(KeyException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("AAAA").doesNotContain("zz00"));
            assertThatThrownBy(() -> PrivateKeyText.parsePkcs8(text.getBytes(StandardCharsets.US_ASCII)))
                    .isInstanceOf(KeyException.class);
        }
    }

    @Test
    void severalPemBlocksGiveEachKeyInOrder() {
        assertThat(parseAll(pem(rsa) + pem(ed25519))).containsExactly(rsa, ed25519);
        assertThat(parseAll("\n\n" + pem(ed25519) + "\r\n" + pem(rsa).replace("\n", "\r\n") + "\n"))
                .containsExactly(ed25519, rsa);
        assertThat(parseAll(pem(rsa))).containsExactly(rsa);
    }

    @Test
    void severalHexKeysGiveEachKeyInOrderHoweverTheLinesAreCut() {
        String rsaHex = HexFormat.of().formatHex(rsa);
        String edHex = HexFormat.of().formatHex(ed25519);
        assertThat(parseAll(rsaHex + "\n" + edHex + "\n")).containsExactly(rsa, ed25519);
        assertThat(parseAll(edHex.toUpperCase() + "\r\n\r\n" + rsaHex)).containsExactly(ed25519, rsa);
        // one key wrapped over several lines, and two keys on one line
        assertThat(parseAll(rsaHex.substring(0, 100) + "\n" + rsaHex.substring(100) + "\n")).containsExactly(rsa);
        assertThat(parseAll(rsaHex + edHex)).containsExactly(rsa, ed25519);
        assertThat(parseAll(rsaHex)).containsExactly(rsa);
    }

    @Test
    void parseAllAgreesWithParsePkcs8OnOneKey() {
        assertThat(parseAll(pem(rsa)).get(0)).isEqualTo(PrivateKeyText.parsePkcs8(pem(rsa)));
        assertThat(parseAll(HexFormat.of().formatHex(ed25519)).get(0))
                .isEqualTo(PrivateKeyText.parsePkcs8(HexFormat.of().formatHex(ed25519)));
    }

    @Test
    void badKeyFilesAreKeyErrorsThatNeverQuoteTheKey() {
        String rsaHex = HexFormat.of().formatHex(rsa);
        String edHex = HexFormat.of().formatHex(ed25519);
        String rsaPem = pem(rsa);
        String rsaBase64 = rsaPem.lines().skip(1).findFirst().orElseThrow();
        List<String> bad = List.of(
                "",
                " \n\t\n",
                "abc",
                "zz" + "00".repeat(10),
                "00".repeat(40),                                          // hex, but not a DER SEQUENCE
                rsaHex.substring(0, 1200),                               // truncated
                rsaHex + "\n" + edHex.substring(0, 60),                  // second key truncated
                rsaHex + "\n" + rsaPem,                                  // hex and PEM mixed
                rsaPem + "my key\n",                                     // text after the block
                "Bag Attributes\n" + rsaPem,                              // text before the block
                rsaPem + "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n",
                "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n",
                rsaPem.replace("-----END PRIVATE KEY-----\n", "") + pem(ed25519), // first block not closed
                rsaPem.replace("-----END PRIVATE KEY-----\n", ""),
                rsaPem.replace(rsaBase64, rsaBase64.substring(0, 60) + "!!!!"),  // not base64
                pem(java.util.Arrays.copyOf(ed25519, 40)),              // PEM of a truncated key
                pem(java.util.Arrays.copyOf(ed25519, 50)));             // PEM with bytes after the key
        for (String text : bad) {
            assertThatThrownBy(() -> parseAll(text)).as("%.40s", text).isInstanceOf(KeyException.class)
                    .satisfies(e -> assertThat(e.getMessage())
                            .doesNotContain(rsaHex.substring(600, 632), edHex.substring(40, 72), rsaBase64.substring(20, 40))
                            .doesNotContain("AAAA", "zz00", "!!!!"));
        }
        assertThatThrownBy(() -> parseAll(rsaHex.substring(0, 1200))).hasMessageContaining("truncated");
        assertThatThrownBy(() -> parseAll(rsaPem + "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----"))
                .hasMessageContaining("PEM block #2").hasMessageContaining("openssl pkcs8");
        assertThatThrownBy(() -> parseAll(" \n")).hasMessageContaining("empty");
    }
}
