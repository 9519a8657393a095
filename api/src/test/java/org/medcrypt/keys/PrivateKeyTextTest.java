package org.medcrypt.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.medcrypt.KeyException;

class PrivateKeyTextTest {

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
}
