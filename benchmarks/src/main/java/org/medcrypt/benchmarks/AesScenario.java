package org.medcrypt.benchmarks;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import org.medcrypt.spi.AesKey;
import org.medcrypt.spi.CryptoProvider;

/**
 * One AES message of a fixed size, encrypted with a fresh IV/nonce and decrypted, through a
 * medcrypt provider's SPI ({@code aesCbc()} / {@code aesGcm()}) or through a raw {@code Cipher}
 * ({@link RawJceScenario}). Both produce and take {@code IV ‖ ciphertext}.
 */
public abstract class AesScenario {

    private static final byte[] NO_ASSOCIATED_DATA = new byte[0];

    /** {@code impl} is a provider id or a raw baseline id ({@link Impls}). */
    public static AesScenario create(String impl, AesMode mode, int size) throws GeneralSecurityException {
        return Impls.isRaw(impl) ? new RawJceScenario.Aes(Impls.rawLibrary(impl), mode, size)
                : new Spi(Impls.provider(impl), mode, size);
    }

    /** Just over the size from which the JDK splits a GCM message into six parts, each a call of its own. */
    static final int OVER_64_KIB = 65536 + 16;

    /**
     * Warms the JIT up for {@code target}'s {@code encrypt} or {@code decrypt} ({@link JitWarmUp}):
     * 12,000 calls on 1, 4 and 16 KiB messages of the same implementation and mode in turn, with one
     * of the target's own every 300. For a GCM target over 64 KiB, one call in four is on a message
     * just over 64 KiB: the JDK processes those in six parts, through methods that smaller messages
     * never call, which would otherwise stay in C1 code for the ~800 calls (~13 s of 1 MiB messages)
     * C2 waits for.
     */
    static void warmUp(String impl, AesMode mode, AesScenario target, int size, boolean encrypt)
            throws GeneralSecurityException {
        AesScenario k1 = create(impl, mode, 1024);
        AesScenario k4 = create(impl, mode, 4096);
        AesScenario k16 = create(impl, mode, 16384);
        List<AesScenario> rotation = mode == AesMode.GCM && size > 65536
                ? List.of(k1, k4, k16, create(impl, mode, OVER_64_KIB)) : List.of(k1, k4, k16);
        int[] next = {0};
        JitWarmUp.run(() -> rotation.get(next[0]++ % rotation.size()).run(encrypt), 12_000,
                () -> target.run(encrypt), 300);
    }

    private byte[] run(boolean encrypt) throws GeneralSecurityException {
        return encrypt ? encrypt() : decrypt();
    }

    abstract byte[] encrypt() throws GeneralSecurityException;

    abstract byte[] decrypt() throws GeneralSecurityException;

    abstract byte[] plaintext();

    /** Checks that decryption gives the plaintext back, and that a fresh encryption decrypts. */
    public void verify() throws GeneralSecurityException {
        if (!Arrays.equals(decrypt(), plaintext())) {
            throw new IllegalStateException(getClass().getSimpleName() + ": decryption does not match");
        }
        if (encrypt().length < plaintext().length) {
            throw new IllegalStateException(getClass().getSimpleName() + ": ciphertext too short");
        }
    }

    /** Through the medcrypt SPI. */
    static final class Spi extends AesScenario {
        private final CryptoProvider provider;
        private final AesMode mode;
        private final AesKey key;
        private final byte[] plaintext;
        private final byte[] ciphertext;

        Spi(CryptoProvider provider, AesMode mode, int size) throws GeneralSecurityException {
            this.provider = provider;
            this.mode = mode;
            this.key = provider.aesKeys().importKey(Data.bytes(mode.keyBytes(), 1));
            this.plaintext = Data.bytes(size, 2);
            this.ciphertext = encrypt();
        }

        @Override
        byte[] encrypt() throws GeneralSecurityException {
            return mode == AesMode.CBC ? provider.aesCbc().encrypt(key, plaintext)
                    : provider.aesGcm().encrypt(key, plaintext, NO_ASSOCIATED_DATA);
        }

        @Override
        byte[] decrypt() throws GeneralSecurityException {
            return mode == AesMode.CBC ? provider.aesCbc().decrypt(key, ciphertext)
                    : provider.aesGcm().decrypt(key, ciphertext, NO_ASSOCIATED_DATA);
        }

        @Override
        byte[] plaintext() {
            return plaintext;
        }
    }
}
