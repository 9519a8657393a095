package org.medcrypt.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.GeneralSecurityException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medcrypt.spi.AesKey;

/**
 * AES-GCM negative cases: any change to nonce, ciphertext, tag, associated data or key, and any
 * truncation, must throw a {@link GeneralSecurityException} — never return data.
 */
public abstract class AesGcmRejections extends ConformanceSection {

    private static final byte[] NO_AAD = new byte[0];

    @ParameterizedTest(name = "{0} bytes of plaintext")
    @ValueSource(ints = {0, 1, 16, 40})
    void everySingleBitFlipIsRejected(int length) throws GeneralSecurityException {
        AesKey key = aesKey(256);
        byte[] aad = randomBytes(7);
        byte[] out = p().aesGcm().encrypt(key, randomBytes(length), aad);
        // every bit of nonce ‖ ciphertext ‖ tag
        for (int i = 0; i < out.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] bad = flipBit(out, i, bit);
                int index = i;
                int b = bit;
                assertGse("decrypt with bit " + b + " of byte " + index + " flipped", () -> p().aesGcm().decrypt(key, bad, aad));
            }
        }
    }

    @Test
    void tamperedNonceBodyLastBlockAndTagAreRejected() throws GeneralSecurityException {
        AesKey key = aesKey(128);
        byte[] pt = randomBytes(48);
        byte[] out = p().aesGcm().encrypt(key, pt, NO_AAD);
        int tagStart = out.length - 16;
        assertGse("flipped nonce", () -> p().aesGcm().decrypt(key, flipBit(out, 0, 0), NO_AAD));
        assertGse("flipped body", () -> p().aesGcm().decrypt(key, flipBit(out, 12 + 20, 5), NO_AAD));
        assertGse("flipped last ciphertext byte", () -> p().aesGcm().decrypt(key, flipBit(out, tagStart - 1, 7), NO_AAD));
        assertGse("flipped tag", () -> p().aesGcm().decrypt(key, flipBit(out, out.length - 1, 0), NO_AAD));
        assertGse("zeroed tag", () -> {
            byte[] bad = out.clone();
            java.util.Arrays.fill(bad, tagStart, bad.length, (byte) 0);
            p().aesGcm().decrypt(key, bad, NO_AAD);
        });
        assertGse("appended byte", () -> p().aesGcm().decrypt(key, concat(out, new byte[1]), NO_AAD));
        assertGse("swapped blocks", () -> {
            byte[] bad = out.clone();
            System.arraycopy(out, 12, bad, 28, 16);
            System.arraycopy(out, 28, bad, 12, 16);
            p().aesGcm().decrypt(key, bad, NO_AAD);
        });
        byte[] nonce = slice(out, 0, 12);
        byte[] body = slice(out, 12, out.length);
        assertGse("explicit nonce, flipped", () -> p().aesGcm().decryptWithNonce(key, flipBit(nonce, 11, 1), body, NO_AAD));
        assertGse("explicit nonce, flipped tag", () -> p().aesGcm().decryptWithNonce(key, nonce, flipBit(body, body.length - 16, 2), NO_AAD));
    }

    @Test
    void wrongAssociatedDataIsRejected() throws GeneralSecurityException {
        AesKey key = aesKey(256);
        byte[] aad = randomBytes(20);
        byte[] out = p().aesGcm().encrypt(key, randomBytes(30), aad);
        assertGse("empty instead of the AAD", () -> p().aesGcm().decrypt(key, out, NO_AAD));
        assertGse("flipped AAD", () -> p().aesGcm().decrypt(key, out, flipBit(aad, 3, 3)));
        assertGse("truncated AAD", () -> p().aesGcm().decrypt(key, out, slice(aad, 0, 19)));
        assertGse("longer AAD", () -> p().aesGcm().decrypt(key, out, concat(aad, new byte[1])));
        byte[] noAad = p().aesGcm().encrypt(key, randomBytes(30), NO_AAD);
        assertGse("AAD where there was none", () -> p().aesGcm().decrypt(key, noAad, new byte[1]));
    }

    @Test
    void wrongKeyIsRejected() throws GeneralSecurityException {
        AesKey key = aesKey(256);
        byte[] out = p().aesGcm().encrypt(key, randomBytes(30), NO_AAD);
        assertGse("another AES-256 key", () -> p().aesGcm().decrypt(aesKey(256), out, NO_AAD));
        assertGse("an AES-128 key", () -> p().aesGcm().decrypt(aesKey(128), out, NO_AAD));
    }

    @ParameterizedTest(name = "decrypt(nonce ‖ ciphertext ‖ tag) of {0} bytes is refused")
    @ValueSource(ints = {0, 1, 11, 12, 13, 27, 28, 29, 40})
    void truncatedOrGarbageInputIsRefused(int length) throws GeneralSecurityException {
        AesKey key = aesKey(128);
        byte[] in = randomBytes(length);
        assertGse("decrypt of " + length + " random bytes", () -> p().aesGcm().decrypt(key, in, NO_AAD));
    }

    @Test
    void realCiphertextTruncatedIsRefused() throws GeneralSecurityException {
        AesKey key = aesKey(128);
        byte[] out = p().aesGcm().encrypt(key, randomBytes(20), NO_AAD);
        for (int keep = 0; keep < out.length; keep++) {
            byte[] truncated = slice(out, 0, keep);
            assertGse("decrypt of the first " + keep + " bytes", () -> p().aesGcm().decrypt(key, truncated, NO_AAD));
        }
        byte[] nonce = slice(out, 0, 12);
        for (int keep = 0; keep < out.length - 12; keep++) {
            byte[] truncated = slice(out, 12, 12 + keep);
            assertGse(
                    "decryptWithNonce of the first " + keep + " bytes",
                    () -> p().aesGcm().decryptWithNonce(key, nonce, truncated, NO_AAD));
        }
    }

    @ParameterizedTest(name = "nonce of {0} bytes is refused")
    @ValueSource(ints = {0, 1, 8, 11, 13, 16, 32})
    void nonceOfWrongLengthIsRefused(int length) throws GeneralSecurityException {
        AesKey key = aesKey(128);
        byte[] nonce = randomBytes(length);
        byte[] ct = p().aesGcm().encryptWithNonce(key, randomBytes(12), new byte[10], NO_AAD);
        assertGse("encryptWithNonce, nonce of " + length + " bytes", () -> p().aesGcm().encryptWithNonce(key, nonce, new byte[10], NO_AAD));
        assertGse("decryptWithNonce, nonce of " + length + " bytes", () -> p().aesGcm().decryptWithNonce(key, nonce, ct, NO_AAD));
    }

    @Test
    void failureDoesNotRevealKeyOrPlaintext() throws GeneralSecurityException {
        byte[] raw = randomBytes(32);
        byte[] pt = randomBytes(32);
        AesKey key = p().aesKeys().importKey(raw);
        byte[] out = p().aesGcm().encrypt(key, pt, NO_AAD);
        assertNoSecretIn(assertGse("tampered", () -> p().aesGcm().decrypt(key, flipBit(out, 20, 0), NO_AAD)), raw, pt);
        assertNoSecretIn(assertGse("wrong AAD", () -> p().aesGcm().decrypt(key, out, new byte[3])), raw, pt);
        assertNoSecretIn(
                assertGse("bad nonce", () -> p().aesGcm().encryptWithNonce(key, new byte[5], pt, NO_AAD)), raw, pt);
    }

    @Test
    void failedDecryptionsAllHaveTheSameMessage() throws GeneralSecurityException {
        // "a GeneralSecurityException whose message does not say which": wrong key, modified
        // ciphertext, modified tag, wrong associated data and truncation look the same.
        AesKey key = aesKey(256);
        byte[] aad = randomBytes(5);
        byte[] out = p().aesGcm().encrypt(key, randomBytes(40), aad);
        String tag = assertGse("tag", () -> p().aesGcm().decrypt(key, flipBit(out, out.length - 1, 0), aad)).getMessage();
        String body = assertGse("body", () -> p().aesGcm().decrypt(key, flipBit(out, 13, 0), aad)).getMessage();
        String wrongAad = assertGse("aad", () -> p().aesGcm().decrypt(key, out, NO_AAD)).getMessage();
        String wrongKey = assertGse("key", () -> p().aesGcm().decrypt(aesKey(256), out, aad)).getMessage();
        String truncated = assertGse("truncated", () -> p().aesGcm().decrypt(key, slice(out, 0, 20), aad)).getMessage();
        assertThat(body).as("message for a modified ciphertext vs. a modified tag").isEqualTo(tag);
        assertThat(wrongAad).as("message for wrong associated data vs. a modified tag").isEqualTo(tag);
        assertThat(wrongKey).as("message for a wrong key vs. a modified tag").isEqualTo(tag);
        assertThat(truncated).as("message for a truncated input vs. a modified tag").isEqualTo(tag);
        // the range form (a value inside a larger buffer) fails with the same message
        byte[] buffer = concat(randomBytes(3), out);
        String rangeTampered = assertGse("range, tag",
                () -> p().aesGcm().decrypt(key, flipBit(buffer, buffer.length - 1, 0), 3, out.length, aad)).getMessage();
        String rangeShort = assertGse("range, truncated", () -> p().aesGcm().decrypt(key, buffer, 3, 20, aad)).getMessage();
        assertThat(rangeTampered).as("message for a modified tag read by range vs. a modified tag").isEqualTo(tag);
        assertThat(rangeShort).as("message for a truncated range vs. a modified tag").isEqualTo(tag);
    }
}
