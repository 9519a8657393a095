package org.medcrypt.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.GeneralSecurityException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medcrypt.spi.Hkdf;

/**
 * HKDF-SHA-256: RFC 5869's SHA-256 test cases (1 to 3, as literals), the output length bounds (1
 * to 255 × 32 bytes), the empty salt standing for 32 zero bytes, and every input mattering. The
 * cross-check with the kit's own HMAC-based HKDF is in {@link JdkInteroperability}, the
 * Wycheproof vectors in {@link WycheproofConformance}.
 */
public abstract class HkdfConformance extends ConformanceSection {

    /** RFC 5869 appendix A, test cases 1 to 3: IKM, salt, info, L, OKM. */
    static final String[][] RFC5869 = {
        {
            "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
            "000102030405060708090a0b0c",
            "f0f1f2f3f4f5f6f7f8f9",
            "42",
            "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"
        },
        {
            "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
                    + "202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f",
            "606162636465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f"
                    + "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeaf",
            "b0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecf"
                    + "d0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff",
            "82",
            "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c59045a99cac7827271cb41c65e590e09"
                    + "da3275600c2f09b8367793a9aca3db71cc30c58179ec3e87c14c01d5c1f3434f1d87"
        },
        {
            "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
            "",
            "",
            "42",
            "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"
        },
    };

    private Hkdf hkdf() {
        return p().hkdf();
    }

    @ParameterizedTest(name = "RFC 5869 test case {0}")
    @ValueSource(ints = {1, 2, 3})
    void rfc5869TestCases(int testCase) throws GeneralSecurityException {
        String[] v = RFC5869[testCase - 1];
        byte[] okm = hkdf().sha256(hex(v[0]), hex(v[1]), hex(v[2]), Integer.parseInt(v[3]));
        assertThat(hex(okm)).as("OKM of RFC 5869 test case %d", testCase).isEqualTo(v[4]);
    }

    @Test
    void emptySaltIs32ZeroBytes() throws GeneralSecurityException {
        byte[] ikm = randomBytes(32);
        byte[] info = randomBytes(10);
        byte[] empty = hkdf().sha256(ikm, new byte[0], info, 64);
        assertThat(hkdf().sha256(ikm, new byte[32], info, 64)).as("32 zero bytes of salt vs. an empty salt").isEqualTo(empty);
        assertThat(hkdf().sha256(ikm, new byte[] {1}, info, 64)).as("a salt of one byte 1").isNotEqualTo(empty);
        // RFC 5869 test case 3 once more, with the zero salt spelled out
        String[] v = RFC5869[2];
        assertThat(hex(hkdf().sha256(hex(v[0]), new byte[32], new byte[0], 42))).isEqualTo(v[4]);
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {1, 2, 31, 32, 33, 42, 64, 65, 4096, 8159, Hkdf.MAX_OUTPUT_LENGTH})
    void everyLengthFrom1To8160IsAPrefixOfTheLongest(int length) throws GeneralSecurityException {
        byte[] ikm = hex(RFC5869[0][0]);
        byte[] salt = hex(RFC5869[0][1]);
        byte[] info = hex(RFC5869[0][2]);
        byte[] longest = hkdf().sha256(ikm, salt, info, Hkdf.MAX_OUTPUT_LENGTH);
        assertThat(longest).hasSize(Hkdf.MAX_OUTPUT_LENGTH);
        assertThat(hkdf().sha256(ikm, salt, info, length)).as("%d bytes", length).isEqualTo(slice(longest, 0, length));
        assertThat(hex(slice(longest, 0, 42))).isEqualTo(RFC5869[0][4]);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {0, -1, Hkdf.MAX_OUTPUT_LENGTH + 1, 256 * 32, 256 * 32 + 1, 1 << 20, Integer.MAX_VALUE, Integer.MIN_VALUE})
    void lengthsOutsideTheBoundsAreRefused(int length) {
        assertGse("sha256(..., " + length + ")", () -> hkdf().sha256(randomBytes(32), randomBytes(32), randomBytes(8), length));
    }

    @Test
    void everyInputChangesTheOutput() throws GeneralSecurityException {
        byte[] ikm = randomBytes(32);
        byte[] salt = randomBytes(32);
        byte[] info = "medcrypt v2 key".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] okm = hkdf().sha256(ikm, salt, info, 32);
        assertThat(hkdf().sha256(ikm, salt, info, 32)).as("the same inputs again").isEqualTo(okm);
        assertThat(hkdf().sha256(flipBit(ikm, 31, 7), salt, info, 32)).as("another input key").isNotEqualTo(okm);
        assertThat(hkdf().sha256(ikm, flipBit(salt, 0, 0), info, 32)).as("another salt").isNotEqualTo(okm);
        assertThat(hkdf().sha256(ikm, salt, flipBit(info, 0, 0), 32)).as("another info").isNotEqualTo(okm);
        assertThat(hkdf().sha256(ikm, salt, new byte[0], 32)).as("no info").isNotEqualTo(okm);
        assertThat(hkdf().sha256(ikm, salt, concat(info, new byte[1]), 32)).as("info with a zero byte appended")
                .isNotEqualTo(okm);
    }

    @Test
    void emptyInputKeyMaterialAndInfoAreAllowed() throws GeneralSecurityException {
        byte[] okm = hkdf().sha256(new byte[0], new byte[0], new byte[0], 32);
        assertThat(okm).hasSize(32).isEqualTo(JdkCiphers.hkdfSha256(new byte[0], new byte[0], new byte[0], 32));
    }

    @Test
    void inputsAreLeftUnchanged() throws GeneralSecurityException {
        byte[] ikm = randomBytes(32);
        byte[] salt = randomBytes(16);
        byte[] info = randomBytes(8);
        byte[] ikmCopy = ikm.clone();
        byte[] saltCopy = salt.clone();
        byte[] infoCopy = info.clone();
        byte[] first = hkdf().sha256(ikm, salt, info, 100);
        assertThat(ikm).isEqualTo(ikmCopy);
        assertThat(salt).isEqualTo(saltCopy);
        assertThat(info).isEqualTo(infoCopy);
        first[0] ^= 1;
        assertThat(hkdf().sha256(ikm, salt, info, 100)).as("output is a fresh array").isNotEqualTo(first);
    }

    @Test
    void lengthRefusalsCarryNoInput() {
        byte[] ikm = randomBytes(32);
        GeneralSecurityException refusal = assertGse("sha256(..., 0)", () -> hkdf().sha256(ikm, new byte[0], new byte[0], 0));
        assertNoSecretIn(refusal, ikm);
    }
}
