package org.medcrypt.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.medcrypt.KeyException;

/**
 * What mutation testing (PIT, {@code -Pmutation}) showed {@link PrivateKeyTextMutationGapsTest}
 * left unchecked: a key file's framing at its exact bounds, where an off-by-one reads past the
 * file or gives the wrong error. Each bad file gets a {@link KeyException} that says what is wrong
 * with which key, never an {@code ArrayIndexOutOfBoundsException}.
 */
class PrivateKeyTextFramingMutationGapsTest {

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aSecondHexKeyOfOneByteIsNotPkcs8() {
        assertThatThrownBy(() -> PrivateKeyText.parseAllPkcs8(ascii("300030"))).isExactlyInstanceOf(KeyException.class)
                .hasMessageStartingWith("hex key #2 is not PKCS#8");
        assertThatThrownBy(() -> PrivateKeyText.parseAllPkcs8(ascii("3000" + "3000" + "30"))).isExactlyInstanceOf(KeyException.class)
                .hasMessageStartingWith("hex key #3 is not PKCS#8");
    }

    @Test
    void aLongFormLengthThatFillsTheFileIsTruncatedNotMalformed() {
        // 0x81: one length byte follows, and it is the file's last byte: the header is whole, the content missing
        assertThatThrownBy(() -> PrivateKeyText.parseAllPkcs8(ascii("308105"))).isExactlyInstanceOf(KeyException.class)
                .hasMessageStartingWith("hex key #1 is truncated");
        assertThatThrownBy(() -> PrivateKeyText.parseAllPkcs8(ascii("3000" + "308105"))).isExactlyInstanceOf(KeyException.class)
                .hasMessageStartingWith("hex key #2 is truncated");
        assertThatThrownBy(() -> PrivateKeyText.parseAllPkcs8(ascii("30820001"))).isExactlyInstanceOf(KeyException.class)
                .hasMessageStartingWith("hex key #1 is truncated");
        // one length byte short of the header: malformed
        assertThatThrownBy(() -> PrivateKeyText.parseAllPkcs8(ascii("308200"))).isExactlyInstanceOf(KeyException.class)
                .hasMessageStartingWith("hex key #1 is not PKCS#8");
        assertThat(PrivateKeyText.parseAllPkcs8(ascii("308101" + "00"))).containsExactly(new byte[] {0x30, (byte) 0x81, 0x01, 0x00});
    }

    @Test
    void aTenCharacterFileThatStartsAPemBlockOfAnotherKindSaysSo() {
        // exactly "-----BEGIN": read as PEM (it starts with dashes and is long enough), not as hex
        assertThatThrownBy(() -> PrivateKeyText.parsePkcs8(ascii("-----BEGIN"))).isExactlyInstanceOf(KeyException.class)
                .hasMessageStartingWith("only PKCS#8 PEM");
        assertThatThrownBy(() -> PrivateKeyText.parsePkcs8(ascii(" -----BEGIN\n"))).isExactlyInstanceOf(KeyException.class)
                .hasMessageStartingWith("only PKCS#8 PEM");
        assertThatThrownBy(() -> PrivateKeyText.parsePkcs8(ascii("-----BEGI"))).isExactlyInstanceOf(KeyException.class)
                .hasMessage("the private key is neither PKCS#8 hex nor PKCS#8 PEM");
    }
}
