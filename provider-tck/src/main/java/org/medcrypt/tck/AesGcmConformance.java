package org.medcrypt.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.medcrypt.spi.AesGcm;
import org.medcrypt.spi.AesKey;

/** AES-GCM round trips: every key size, both nonce modes, with and without associated data. */
public abstract class AesGcmConformance extends ConformanceSection {

    static final int OVERHEAD = AesGcm.NONCE_LENGTH + AesGcm.TAG_LENGTH;

    static Stream<Arguments> keySizesLengthsAndAad() {
        return Stream.of(128, 192, 256)
                .flatMap(bits -> IntStream.of(0, 1, 15, 16, 17, 1024)
                        .boxed()
                        .flatMap(n -> Stream.of(0, 1, 33).map(aad -> Arguments.of(bits, n, aad))));
    }

    @ParameterizedTest(name = "AES-{0} random nonce, {1} bytes, {2} bytes of AAD")
    @MethodSource("keySizesLengthsAndAad")
    void roundTripWithRandomNonce(int bits, int length, int aadLength) throws GeneralSecurityException {
        AesKey key = aesKey(bits);
        byte[] pt = randomBytes(length);
        byte[] aad = randomBytes(aadLength);
        byte[] out = p().aesGcm().encrypt(key, pt, aad);
        assertThat(out).as("nonce ‖ ciphertext ‖ tag length").hasSize(OVERHEAD + length);
        assertThat(p().aesGcm().decrypt(key, out, aad)).isEqualTo(pt);
        // the prepended form is exactly nonce ‖ (explicit-nonce output)
        byte[] nonce = slice(out, 0, 12);
        byte[] body = slice(out, 12, out.length);
        assertThat(p().aesGcm().decryptWithNonce(key, nonce, body, aad)).isEqualTo(pt);
        assertThat(p().aesGcm().encryptWithNonce(key, nonce, pt, aad)).isEqualTo(body);
    }

    @ParameterizedTest(name = "AES-{0} explicit nonce, {1} bytes, {2} bytes of AAD")
    @MethodSource("keySizesLengthsAndAad")
    void roundTripWithExplicitNonce(int bits, int length, int aadLength) throws GeneralSecurityException {
        AesKey key = aesKey(bits);
        byte[] nonce = randomBytes(12);
        byte[] pt = randomBytes(length);
        byte[] aad = randomBytes(aadLength);
        byte[] ct = p().aesGcm().encryptWithNonce(key, nonce, pt, aad);
        assertThat(ct).as("ciphertext ‖ tag length, no nonce").hasSize(length + AesGcm.TAG_LENGTH);
        assertThat(p().aesGcm().decryptWithNonce(key, nonce, ct, aad)).isEqualTo(pt);
        assertThat(p().aesGcm().decrypt(key, concat(nonce, ct), aad)).isEqualTo(pt);
    }

    static Stream<Arguments> rangesAroundAValue() {
        return Stream.of(0, 1, 13).flatMap(before -> Stream.of(0, 7)
                .flatMap(after -> IntStream.of(0, 1, 16, 1024).mapToObj(n -> Arguments.of(before, after, n))));
    }

    /** The range form reads the value where it sits, and nothing around it. */
    @ParameterizedTest(name = "{0} bytes before, {1} after, {2} bytes of plaintext")
    @MethodSource("rangesAroundAValue")
    void decryptsARangeInPlace(int before, int after, int length) throws GeneralSecurityException {
        AesKey key = aesKey(256);
        byte[] pt = randomBytes(length);
        byte[] aad = randomBytes(21);
        byte[] value = p().aesGcm().encrypt(key, pt, aad);
        byte[] buffer = concat(randomBytes(before), value, randomBytes(after));
        byte[] bufferCopy = buffer.clone();
        assertThat(p().aesGcm().decrypt(key, buffer, before, value.length, aad)).isEqualTo(pt);
        assertThat(buffer).as("the buffer is not changed").isEqualTo(bufferCopy);
        // the bytes around the range are not read: changing them changes nothing
        for (int i = 0; i < before; i++) {
            buffer[i] ^= (byte) 0xff;
        }
        for (int i = before + value.length; i < buffer.length; i++) {
            buffer[i] ^= (byte) 0xff;
        }
        assertThat(p().aesGcm().decrypt(key, buffer, before, value.length, aad)).isEqualTo(pt);
    }

    /** Every bit of the range is authenticated, and a range one byte off or short fails the same way. */
    @Test
    void aTamperedOrMisplacedRangeFailsLikeAnyDecryption() throws GeneralSecurityException {
        AesKey key = aesKey(256);
        byte[] aad = randomBytes(9);
        byte[] value = p().aesGcm().encrypt(key, randomBytes(40), aad);
        byte[] buffer = concat(randomBytes(5), value, randomBytes(5));
        for (int i = 5; i < 5 + value.length; i++) {
            for (int bit = 0; bit < 8; bit += 3) {
                byte[] tampered = buffer.clone();
                tampered[i] ^= (byte) (1 << bit);
                int at = i;
                assertGse("bit flipped at " + at, () -> p().aesGcm().decrypt(key, tampered, 5, value.length, aad));
            }
        }
        assertGse("one byte early", () -> p().aesGcm().decrypt(key, buffer, 4, value.length, aad));
        assertGse("one byte late", () -> p().aesGcm().decrypt(key, buffer, 6, value.length, aad));
        assertGse("one byte short", () -> p().aesGcm().decrypt(key, buffer, 5, value.length - 1, aad));
        assertGse("one byte long", () -> p().aesGcm().decrypt(key, buffer, 5, value.length + 1, aad));
        assertGse("shorter than a nonce and a tag", () -> p().aesGcm().decrypt(key, buffer, 5, OVERHEAD - 1, aad));
        assertGse("empty", () -> p().aesGcm().decrypt(key, buffer, 5, 0, aad));
        assertThat(p().aesGcm().decrypt(key, buffer, 5, value.length, aad)).hasSize(40);
    }

    /** A range outside the buffer is the caller's mistake: an IndexOutOfBoundsException, not a failed decryption. */
    @Test
    void aRangeOutsideTheBufferIsRefused() throws GeneralSecurityException {
        AesKey key = aesKey(256);
        byte[] value = p().aesGcm().encrypt(key, randomBytes(10), new byte[0]);
        assertThatThrownBy(() -> p().aesGcm().decrypt(key, value, -1, value.length, new byte[0]))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> p().aesGcm().decrypt(key, value, 1, value.length, new byte[0]))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> p().aesGcm().decrypt(key, value, 0, -1, new byte[0]))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> p().aesGcm().decrypt(key, null, 0, 0, new byte[0]))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void roundTripOfMoreThan8MiB() throws GeneralSecurityException {
        AesKey key = aesKey(256);
        byte[] pt = randomBytes(AesCbcConformance.LARGE);
        byte[] aad = randomBytes(64);
        byte[] out = p().aesGcm().encrypt(key, pt, aad);
        assertThat(out).hasSize(OVERHEAD + pt.length);
        assertThat(p().aesGcm().decrypt(key, out, aad)).isEqualTo(pt);
    }

    @Test
    void largeAssociatedData() throws GeneralSecurityException {
        AesKey key = aesKey(128);
        byte[] aad = randomBytes(100_000);
        byte[] out = p().aesGcm().encrypt(key, new byte[10], aad);
        assertThat(p().aesGcm().decrypt(key, out, aad)).isEqualTo(new byte[10]);
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 16, 100})
    void encryptingTwiceGivesDifferentNoncesAndCiphertexts(int length) throws GeneralSecurityException {
        AesKey key = aesKey(256);
        byte[] pt = randomBytes(length);
        byte[] a = p().aesGcm().encrypt(key, pt, new byte[0]);
        byte[] b = p().aesGcm().encrypt(key, pt, new byte[0]);
        assertThat(slice(a, 0, 12)).as("nonces").isNotEqualTo(slice(b, 0, 12));
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void noncesDoNotRepeatOverManyEncryptions() throws GeneralSecurityException {
        AesKey key = aesKey(128);
        java.util.Set<String> nonces = new java.util.HashSet<>();
        for (int i = 0; i < 2000; i++) {
            byte[] out = p().aesGcm().encrypt(key, new byte[0], new byte[0]);
            assertThat(nonces.add(hex(slice(out, 0, 12)))).as("nonce %d is new", i).isTrue();
        }
    }

    @Test
    void doesNotModifyItsInputs() throws GeneralSecurityException {
        AesKey key = aesKey(256);
        byte[] nonce = randomBytes(12);
        byte[] pt = randomBytes(50);
        byte[] aad = randomBytes(20);
        byte[] nonceCopy = nonce.clone();
        byte[] ptCopy = pt.clone();
        byte[] aadCopy = aad.clone();
        byte[] ct = p().aesGcm().encryptWithNonce(key, nonce, pt, aad);
        byte[] ctCopy = ct.clone();
        p().aesGcm().decryptWithNonce(key, nonce, ct, aad);
        byte[] whole = p().aesGcm().encrypt(key, pt, aad);
        byte[] wholeCopy = whole.clone();
        p().aesGcm().decrypt(key, whole, aad);
        assertThat(nonce).isEqualTo(nonceCopy);
        assertThat(pt).isEqualTo(ptCopy);
        assertThat(aad).isEqualTo(aadCopy);
        assertThat(ct).isEqualTo(ctCopy);
        assertThat(whole).isEqualTo(wholeCopy);
    }

    /** Property-style: random key size, plaintext and AAD lengths. */
    @RepeatedTest(25)
    void randomRoundTrip() throws GeneralSecurityException {
        int bits = new int[] {128, 192, 256}[RANDOM.nextInt(3)];
        int length = RANDOM.nextInt(5000);
        byte[] aad = randomBytes(RANDOM.nextInt(200));
        AesKey key = aesKey(bits);
        byte[] pt = randomBytes(length);
        byte[] out = p().aesGcm().encrypt(key, pt, aad);
        assertThat(p().aesGcm().decrypt(key, out, aad))
                .as("AES-%d, %d bytes, %d bytes of AAD", bits, length, aad.length)
                .isEqualTo(pt);
    }

    /** The SPI says implementations are thread-safe: one key handle, one provider, 8 threads. */
    @Test
    void isThreadSafe() throws Exception {
        AesKey gcmKey = aesKey(256);
        AesKey cbcKey = aesKey(128);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        byte[] pt = randomBytes(RANDOM.nextInt(300));
                        byte[] aad = randomBytes(RANDOM.nextInt(20));
                        assertThat(p().aesGcm().decrypt(gcmKey, p().aesGcm().encrypt(gcmKey, pt, aad), aad))
                                .isEqualTo(pt);
                        assertThat(p().aesCbc().decrypt(cbcKey, p().aesCbc().encrypt(cbcKey, pt))).isEqualTo(pt);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
