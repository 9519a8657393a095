package org.medcrypt.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.GeneralSecurityException;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.medcrypt.spi.AesCbc;
import org.medcrypt.spi.AesKey;

/** AES-CBC-PKCS#7 round trips: every key size, both IV modes, sizes around block boundaries. */
public abstract class AesCbcConformance extends ConformanceSection {

    static final int LARGE = 8 * 1024 * 1024 + 3;

    static java.util.stream.Stream<Arguments> keySizesAndLengths() {
        return java.util.stream.Stream.of(128, 192, 256)
                .flatMap(bits -> java.util.stream.IntStream.of(0, 1, 15, 16, 17, 31, 32, 33, 1024)
                        .mapToObj(n -> Arguments.of(bits, n)));
    }

    static int paddedLength(int n) {
        return (n / AesCbc.IV_LENGTH + 1) * AesCbc.IV_LENGTH;
    }

    @ParameterizedTest(name = "AES-{0} random IV, {1} bytes")
    @MethodSource("keySizesAndLengths")
    void roundTripWithRandomIv(int bits, int length) throws GeneralSecurityException {
        AesKey key = aesKey(bits);
        byte[] pt = randomBytes(length);
        byte[] out = p().aesCbc().encrypt(key, pt);
        assertThat(out).as("IV ‖ ciphertext length").hasSize(AesCbc.IV_LENGTH + paddedLength(length));
        assertThat(p().aesCbc().decrypt(key, out)).isEqualTo(pt);
        // the prepended form is exactly IV ‖ (explicit-IV ciphertext)
        byte[] iv = slice(out, 0, 16);
        assertThat(p().aesCbc().encrypt(key, iv, pt)).isEqualTo(slice(out, 16, out.length));
        assertThat(p().aesCbc().decrypt(key, iv, slice(out, 16, out.length))).isEqualTo(pt);
    }

    @ParameterizedTest(name = "AES-{0} explicit IV, {1} bytes")
    @MethodSource("keySizesAndLengths")
    void roundTripWithExplicitIv(int bits, int length) throws GeneralSecurityException {
        AesKey key = aesKey(bits);
        byte[] iv = randomBytes(16);
        byte[] pt = randomBytes(length);
        byte[] ct = p().aesCbc().encrypt(key, iv, pt);
        assertThat(ct).as("ciphertext length, no IV").hasSize(paddedLength(length));
        assertThat(p().aesCbc().decrypt(key, iv, ct)).isEqualTo(pt);
        assertThat(p().aesCbc().decrypt(key, concat(iv, ct))).isEqualTo(pt);
        assertThat(p().aesCbc().encrypt(key, iv, pt)).as("explicit IV is deterministic").isEqualTo(ct);
    }

    @Test
    void roundTripOfMoreThan8MiB() throws GeneralSecurityException {
        AesKey key = aesKey(256);
        byte[] pt = randomBytes(LARGE);
        byte[] out = p().aesCbc().encrypt(key, pt);
        assertThat(out).hasSize(16 + paddedLength(LARGE));
        assertThat(p().aesCbc().decrypt(key, out)).isEqualTo(pt);
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 16, 100})
    void encryptingTwiceGivesDifferentIvsAndCiphertexts(int length) throws GeneralSecurityException {
        AesKey key = aesKey(256);
        byte[] pt = randomBytes(length);
        byte[] a = p().aesCbc().encrypt(key, pt);
        byte[] b = p().aesCbc().encrypt(key, pt);
        assertThat(slice(a, 0, 16)).as("IVs").isNotEqualTo(slice(b, 0, 16));
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void doesNotModifyItsInputs() throws GeneralSecurityException {
        AesKey key = aesKey(128);
        byte[] iv = randomBytes(16);
        byte[] pt = randomBytes(50);
        byte[] ivCopy = iv.clone();
        byte[] ptCopy = pt.clone();
        byte[] ct = p().aesCbc().encrypt(key, iv, pt);
        byte[] ctCopy = ct.clone();
        p().aesCbc().decrypt(key, iv, ct);
        byte[] withIv = p().aesCbc().encrypt(key, pt);
        byte[] withIvCopy = withIv.clone();
        p().aesCbc().decrypt(key, withIv);
        assertThat(iv).isEqualTo(ivCopy);
        assertThat(pt).isEqualTo(ptCopy);
        assertThat(ct).isEqualTo(ctCopy);
        assertThat(withIv).isEqualTo(withIvCopy);
    }

    /** Property-style: random key size and plaintext length, both directions. */
    @RepeatedTest(25)
    void randomRoundTrip() throws GeneralSecurityException {
        int bits = new int[] {128, 192, 256}[RANDOM.nextInt(3)];
        int length = RANDOM.nextInt(5000);
        AesKey key = aesKey(bits);
        byte[] pt = randomBytes(length);
        byte[] out = p().aesCbc().encrypt(key, pt);
        assertThat(p().aesCbc().decrypt(key, out)).as("AES-%d, %d bytes", bits, length).isEqualTo(pt);
    }
}
