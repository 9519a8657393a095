package org.medcrypt.benchmarks;

import java.security.GeneralSecurityException;
import java.util.Arrays;
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
