package org.medcrypt.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import org.junit.jupiter.api.Test;
import org.medcrypt.FormatException;
import org.medcrypt.KeyException;
import org.medcrypt.keys.KeyFingerprint;

class EncodingTest {

    @Test
    void hexRoundTripsAndRejectsGarbage() {
        byte[] bytes = {0, 1, (byte) 0xab, (byte) 0xff};
        assertThat(Hex.encode(bytes)).isEqualTo("0001abff");
        assertThat(Hex.decode("0001ABff", "x")).isEqualTo(bytes);
        assertThatThrownBy(() -> Hex.decode("abc", "the key")).isInstanceOf(FormatException.class)
                .hasMessageContaining("the key").hasMessageContaining("odd");
        assertThatThrownBy(() -> Hex.decode("zz", "the key")).isInstanceOf(FormatException.class)
                .hasMessageContaining("position 0");
    }

    @Test
    void base64UrlDecodingAcceptsOnlyTheCanonicalSpelling() {
        java.util.Random random = new java.util.Random(7);
        for (int length = 0; length < 70; length++) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            assertThat(Bytes.fromBase64Url(Bytes.base64Url(bytes))).hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes));
        }
        for (String bad : new String[] {"A", "AAAAA", "AB", "AAB", "AA==", "AAA=", "AAAA=", "=", "AA+A", "AA/A", "AA A",
            "AA\nA", "AAé", "AAŀ", "AŀAA", "AA\u0000A",
            // chars whose low byte is a digit ('A', '0', '_'): the decoder reads bytes, so these must be refused first
            "\u0141AAA", "AAA\u0141", "AA\u0130A", "AAA\u015f", "\uff41AAA"}) {
            assertThat(Bytes.fromBase64Url(bad)).as(bad).isEmpty();
        }
        // against the definition: the 64 digits only, and re-encoding gives the same text
        String alphabet = "AQgw_-+/=Bz9 \u0100";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(9); n > 0; n--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String t = text.toString();
            boolean digits = t.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9') || c == '-' || c == '_');
            boolean canonical = digits && t.length() % 4 != 1
                    && Bytes.base64Url(java.util.Base64.getUrlDecoder().decode(t)).equals(t);
            assertThat(Bytes.fromBase64Url(t).isPresent()).as("'%s'", t).isEqualTo(canonical);
        }
    }

    /** Long values (past the per-thread scratch buffer) and short ones after them decode alike. */
    @Test
    void base64UrlDecodingOfLongAndShortValuesInTurn() {
        java.util.Random random = new java.util.Random(11);
        for (int length : new int[] {300_000, 10, 150_000, 0, 1, 190_000, 3, 3_000, 5_000}) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            String text = "mc2:" + Bytes.base64Url(bytes);
            assertThat(Bytes.fromBase64UrlOrNull(text, 4)).as("%d bytes", length).isEqualTo(bytes);
            if (text.length() > 5) {
                // in the middle, where only the Latin-1 check can refuse it ('\u0141' has the low byte of 'A')
                int at = 4 + (text.length() - 4) / 2;
                String withChar = text.substring(0, at) + '\u0141' + text.substring(at + 1);
                assertThat(Bytes.fromBase64UrlOrNull(withChar, 4)).as("%d bytes with a char beyond Latin-1", length).isNull();
            }
        }
    }

    @Test
    void hexDecodingInOnePassRefusesWhatDecodeRefuses() {
        assertThat(Hex.decodeOrNull("0001ABff")).isEqualTo(new byte[] {0, 1, (byte) 0xab, (byte) 0xff});
        assertThat(Hex.decodeOrNull("")).isEmpty();
        for (String bad : new String[] {"abc", "zz", "0g", "g0", " 00", "٠٠"}) {
            assertThat(Hex.decodeOrNull(bad)).as(bad).isNull();
        }
    }

    @Test
    void thePublicKeyIsDerivedFromAPkcs8PrivateKey() throws Exception {
        for (int bits : new int[] {2048, 4096}) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            KeyPair pair = generator.generateKeyPair();
            assertThat(Der.rsaPublicKeyFromPkcs8(pair.getPrivate().getEncoded()))
                    .isEqualTo(pair.getPublic().getEncoded());
        }
    }

    @Test
    void aNonRsaOrBrokenPrivateKeyIsAKeyError() throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        byte[] ecKey = ec.generateKeyPair().getPrivate().getEncoded();
        assertThatThrownBy(() -> Der.rsaPublicKeyFromPkcs8(ecKey)).isInstanceOf(KeyException.class)
                .hasMessageContaining("not an RSA key");
        assertThatThrownBy(() -> Der.rsaPublicKeyFromPkcs8(new byte[] {0x30, 0x05, 1, 2}))
                .isInstanceOf(KeyException.class).hasMessageContaining("PKCS#8");
    }

    @Test
    void aFingerprintIsTheLast32HexCharacters() {
        String spki = "30820122300d06092a864886f70d01010105000382010f003082010a0282010100c0ffee0123456789abcdef0123456789";
        assertThat(KeyFingerprint.of(spki).value()).isEqualTo(spki.substring(spki.length() - 32)).hasSize(32);
        assertThatThrownBy(() -> KeyFingerprint.of("abcd")).isInstanceOf(KeyException.class);
    }

    @Test
    void randomIdsAreVersion4Uuids() {
        java.security.SecureRandom random = new java.security.SecureRandom();
        String id = RandomIds.uuid(random::nextBytes);
        assertThat(java.util.UUID.fromString(id).version()).isEqualTo(4);
        assertThat(id).hasSize(36).isNotEqualTo(RandomIds.uuid(random::nextBytes));
    }
}
