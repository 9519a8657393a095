package org.medcrypt.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.GeneralSecurityException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medcrypt.spi.AesKey;

/**
 * AES-CBC negative cases. CBC has no integrity: the SPI only promises that a modified ciphertext
 * either fails (bad padding) or decrypts to something else, and that malformed lengths and IVs
 * fail with a {@link GeneralSecurityException}.
 */
public abstract class AesCbcRejections extends ConformanceSection {

    interface Decryption {
        byte[] decrypt() throws Exception;
    }

    /**
     * What the SPI promises for a modified CBC ciphertext: decrypting it either throws a
     * {@link GeneralSecurityException} or returns bytes different from the original plaintext.
     */
    static void assertThrowsOrDiffers(String what, byte[] original, Decryption decrypt) {
        byte[] out;
        try {
            out = decrypt.decrypt();
        } catch (Throwable t) {
            assertThat(t)
                    .as("%s may only fail with a GeneralSecurityException", what)
                    .isInstanceOf(GeneralSecurityException.class);
            return;
        }
        assertThat(out).as("%s decrypted without an error, so it must differ from the original", what).isNotEqualTo(original);
    }

    @ParameterizedTest(name = "{0} bytes of plaintext")
    @ValueSource(ints = {0, 5, 16, 40})
    void tamperedLastBlockFailsOrDiffers(int length) throws GeneralSecurityException {
        AesKey key = aesKey(256);
        byte[] pt = randomBytes(length);
        byte[] out = p().aesCbc().encrypt(key, pt);
        for (int bit = 0; bit < 8; bit++) {
            byte[] bad = flipBit(out, out.length - 1, bit);
            assertThrowsOrDiffers("last byte, bit " + bit, pt, () -> p().aesCbc().decrypt(key, bad));
        }
        byte[] badFirstOfLast = flipBit(out, out.length - 16, 0);
        assertThrowsOrDiffers("first byte of the last block", pt, () -> p().aesCbc().decrypt(key, badFirstOfLast));
    }

    @Test
    void tamperedIvOrBodyFailsOrDiffers() throws GeneralSecurityException {
        AesKey key = aesKey(128);
        byte[] pt = randomBytes(64);
        byte[] out = p().aesCbc().encrypt(key, pt);
        byte[] badIv = flipBit(out, 0, 0);
        byte[] badBody = flipBit(out, 20, 3);
        assertThrowsOrDiffers("flipped IV bit", pt, () -> p().aesCbc().decrypt(key, badIv));
        assertThrowsOrDiffers("flipped body bit", pt, () -> p().aesCbc().decrypt(key, badBody));
        byte[] iv = slice(out, 0, 16);
        byte[] ct = slice(out, 16, out.length);
        assertThrowsOrDiffers("explicit IV, flipped", pt, () -> p().aesCbc().decrypt(key, flipBit(iv, 15, 7), ct));
    }

    @Test
    void wrongKeyFailsOrDiffers() throws GeneralSecurityException {
        AesKey key = aesKey(256);
        AesKey other = aesKey(256);
        for (int length : new int[] {0, 16, 100}) {
            byte[] pt = randomBytes(length);
            byte[] out = p().aesCbc().encrypt(key, pt);
            assertThrowsOrDiffers("wrong key, " + length + " bytes", pt, () -> p().aesCbc().decrypt(other, out));
        }
    }

    @ParameterizedTest(name = "decrypt(IV ‖ ciphertext) of {0} bytes is refused")
    @ValueSource(ints = {0, 1, 15, 16, 17, 31, 33, 47, 63})
    void truncatedOrMisalignedInputIsRefused(int length) throws GeneralSecurityException {
        AesKey key = aesKey(128);
        byte[] in = randomBytes(length);
        assertGse("decrypt of " + length + " bytes", () -> p().aesCbc().decrypt(key, in));
    }

    @Test
    void realCiphertextTruncatedIsRefused() throws GeneralSecurityException {
        AesKey key = aesKey(128);
        byte[] pt = randomBytes(40);
        byte[] out = p().aesCbc().encrypt(key, pt);
        for (int cut : new int[] {1, 15, 16, 17, out.length - 16, out.length - 1}) {
            byte[] truncated = slice(out, 0, out.length - cut);
            if ((truncated.length % 16) != 0 || truncated.length < 32) {
                assertGse("decrypt of a ciphertext cut by " + cut, () -> p().aesCbc().decrypt(key, truncated));
            } else {
                // a whole number of blocks: the padding check is the only defence
                assertThrowsOrDiffers("cut by " + cut, pt, () -> p().aesCbc().decrypt(key, truncated));
            }
        }
    }

    @ParameterizedTest(name = "explicit-IV decrypt of {0} bytes is refused")
    @ValueSource(ints = {0, 1, 15, 17, 31})
    void explicitIvDecryptOfEmptyOrMisalignedCiphertextIsRefused(int length) throws GeneralSecurityException {
        AesKey key = aesKey(128);
        byte[] iv = randomBytes(16);
        byte[] ct = randomBytes(length);
        assertGse("decrypt(iv, " + length + " bytes)", () -> p().aesCbc().decrypt(key, iv, ct));
    }

    @ParameterizedTest(name = "IV of {0} bytes is refused")
    @ValueSource(ints = {0, 1, 8, 12, 15, 17, 32})
    void ivOfWrongLengthIsRefused(int length) throws GeneralSecurityException {
        AesKey key = aesKey(128);
        byte[] iv = randomBytes(length);
        byte[] ct = p().aesCbc().encrypt(key, randomBytes(16), new byte[10]);
        assertGse("encrypt with an IV of " + length + " bytes", () -> p().aesCbc().encrypt(key, iv, new byte[10]));
        assertGse("decrypt with an IV of " + length + " bytes", () -> p().aesCbc().decrypt(key, iv, ct));
    }

    @Test
    void badPaddingIsRefusedWithoutRevealingSecrets() throws Exception {
        byte[] raw = randomBytes(32);
        AesKey key = p().aesKeys().importKey(raw);
        byte[] pt = randomBytes(32);
        // Encrypt pt with NoPadding through the JDK: its last block ends in a random byte, which
        // is a valid PKCS#7 padding only with probability about 1/256; fix it to make it invalid.
        pt[31] = 0;
        byte[] iv = randomBytes(16);
        byte[] ct = JdkCiphers.aesCbcNoPadding(raw, iv, pt);
        GeneralSecurityException e = assertGse("decrypt with bad padding", () -> p().aesCbc().decrypt(key, iv, ct));
        assertNoSecretIn(e, raw, pt);
        GeneralSecurityException e2 =
                assertGse("decrypt with bad padding", () -> p().aesCbc().decrypt(key, concat(iv, ct)));
        assertNoSecretIn(e2, raw, pt);
    }

    @Test
    void failedDecryptionsAllHaveTheSameMessage() throws Exception {
        // "a GeneralSecurityException whose message does not say which check failed": bad
        // padding, a misaligned length and a too-short input must be indistinguishable by message.
        byte[] raw = randomBytes(16);
        AesKey key = p().aesKeys().importKey(raw);
        byte[] iv = randomBytes(16);
        byte[] pt = randomBytes(32);
        pt[31] = 0;
        byte[] badPadding = concat(iv, JdkCiphers.aesCbcNoPadding(raw, iv, pt));
        String padding = assertGse("bad padding", () -> p().aesCbc().decrypt(key, badPadding)).getMessage();
        String misaligned = assertGse("misaligned", () -> p().aesCbc().decrypt(key, slice(badPadding, 0, 47))).getMessage();
        String tooShort = assertGse("too short", () -> p().aesCbc().decrypt(key, slice(badPadding, 0, 16))).getMessage();
        assertThat(misaligned).as("message for a misaligned input vs. for bad padding").isEqualTo(padding);
        assertThat(tooShort).as("message for a too-short input vs. for bad padding").isEqualTo(padding);
    }
}
