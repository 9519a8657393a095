package org.medcrypt.provider.bouncycastle;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.medcrypt.spi.AesGcm;
import org.medcrypt.spi.AesKey;

/**
 * AES-GCM (96-bit nonce, 128-bit tag) on {@code GCMBlockCipher.newInstance}, which is Bouncy
 * Castle's native GCM when loaded. A cipher object is made per call: they are not thread-safe, and
 * a fresh one also sidesteps Bouncy Castle's same-nonce refusal on re-initialisation, which would
 * otherwise break deterministic test-vector encryption.
 */
final class BcAesGcm implements AesGcm {

    private static final int TAG_BITS = TAG_LENGTH * 8;
    private static final String FAILED = "AES-GCM decryption failed";

    private final BcSecureRandomSource random;

    BcAesGcm(BcSecureRandomSource random) {
        this.random = random;
    }

    static GCMModeCipher newCipher() {
        return GCMBlockCipher.newInstance(AESEngine.newInstance());
    }

    @Override
    public byte[] encrypt(AesKey key, byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
        BcAesKey k = BcAesKey.live(key);
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(associatedData, "associatedData");
        byte[] nonce = random.bytes(NONCE_LENGTH);
        byte[] out = new byte[NONCE_LENGTH + plaintext.length + TAG_LENGTH];
        System.arraycopy(nonce, 0, out, 0, NONCE_LENGTH);
        encrypt(k, nonce, plaintext, associatedData, out, NONCE_LENGTH);
        return out;
    }

    @Override
    public byte[] decrypt(AesKey key, byte[] nonceCiphertextAndTag, byte[] associatedData)
            throws GeneralSecurityException {
        Objects.requireNonNull(nonceCiphertextAndTag, "nonceCiphertextAndTag");
        return decrypt(key, nonceCiphertextAndTag, 0, nonceCiphertextAndTag.length, associatedData);
    }

    /** Reads the range in place: the cipher takes an offset and a length. */
    @Override
    public byte[] decrypt(AesKey key, byte[] input, int offset, int length, byte[] associatedData)
            throws GeneralSecurityException {
        BcAesKey k = BcAesKey.live(key);
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(associatedData, "associatedData");
        Objects.checkFromIndexSize(offset, length, input.length);
        if (length < NONCE_LENGTH + TAG_LENGTH) {
            throw new AEADBadTagException(FAILED);
        }
        byte[] nonce = Arrays.copyOfRange(input, offset, offset + NONCE_LENGTH);
        return decrypt(k, nonce, input, offset + NONCE_LENGTH, length - NONCE_LENGTH, associatedData);
    }

    @Override
    public byte[] encryptWithNonce(AesKey key, byte[] nonce, byte[] plaintext, byte[] associatedData)
            throws GeneralSecurityException {
        BcAesKey k = BcAesKey.live(key);
        checkNonce(nonce);
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(associatedData, "associatedData");
        byte[] out = new byte[plaintext.length + TAG_LENGTH];
        encrypt(k, nonce.clone(), plaintext, associatedData, out, 0);
        return out;
    }

    @Override
    public byte[] decryptWithNonce(AesKey key, byte[] nonce, byte[] ciphertextAndTag, byte[] associatedData)
            throws GeneralSecurityException {
        BcAesKey k = BcAesKey.live(key);
        checkNonce(nonce);
        Objects.requireNonNull(ciphertextAndTag, "ciphertextAndTag");
        Objects.requireNonNull(associatedData, "associatedData");
        if (ciphertextAndTag.length < TAG_LENGTH) {
            throw new AEADBadTagException(FAILED);
        }
        return decrypt(k, nonce.clone(), ciphertextAndTag, 0, ciphertextAndTag.length, associatedData);
    }

    private static void checkNonce(byte[] nonce) throws GeneralSecurityException {
        Objects.requireNonNull(nonce, "nonce");
        if (nonce.length != NONCE_LENGTH) {
            throw new InvalidAlgorithmParameterException("AES-GCM nonce must be 12 bytes, got " + nonce.length);
        }
    }

    private static AEADParameters parameters(KeyParameter key, byte[] nonce, byte[] associatedData) {
        return new AEADParameters(key, TAG_BITS, nonce, associatedData.length == 0 ? null : associatedData);
    }

    private static void encrypt(BcAesKey key, byte[] nonce, byte[] plaintext, byte[] associatedData,
            byte[] out, int outOff) throws GeneralSecurityException {
        KeyParameter keyCopy = key.parameter();
        try {
            GCMModeCipher cipher = newCipher();
            cipher.init(true, parameters(keyCopy, nonce, associatedData));
            int written = cipher.processBytes(plaintext, 0, plaintext.length, out, outOff);
            cipher.doFinal(out, outOff + written);
        } catch (InvalidCipherTextException | RuntimeException e) {
            throw new GeneralSecurityException("AES-GCM encryption failed");
        } finally {
            BcAesKey.wipe(keyCopy);
        }
    }

    /** {@code length} covers ciphertext and tag and is at least 16. */
    private static byte[] decrypt(BcAesKey key, byte[] nonce, byte[] in, int off, int length,
            byte[] associatedData) throws GeneralSecurityException {
        KeyParameter keyCopy = key.parameter();
        byte[] out = new byte[length - TAG_LENGTH];
        try {
            GCMModeCipher cipher = newCipher();
            cipher.init(false, parameters(keyCopy, nonce, associatedData));
            int written = cipher.processBytes(in, off, length, out, 0);
            cipher.doFinal(out, written);
            return out;
        } catch (InvalidCipherTextException | RuntimeException e) {
            // Bouncy Castle may have written unauthenticated plaintext before checking the tag.
            Arrays.fill(out, (byte) 0);
            throw new AEADBadTagException(FAILED);
        } finally {
            BcAesKey.wipe(keyCopy);
        }
    }
}
