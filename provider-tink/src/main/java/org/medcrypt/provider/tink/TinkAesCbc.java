package org.medcrypt.provider.tink;

import com.google.crypto.tink.subtle.EngineFactory;
import com.google.crypto.tink.subtle.Random;
import java.security.GeneralSecurityException;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import org.medcrypt.spi.AesCbc;
import org.medcrypt.spi.AesKey;

/**
 * AES-CBC with PKCS#7 padding. Tink has no AES-CBC primitive (only inside its AES-CTR-HMAC and
 * encrypt-then-MAC constructions, never bare), so this is JCA's {@code AES/CBC/PKCS5Padding}
 * obtained through Tink's {@link EngineFactory}, on per-thread ciphers that forget a key when it is
 * destroyed ({@link TinkCipherCache}); the random IV comes from Tink's {@link Random}.
 */
final class TinkAesCbc implements AesCbc {

    static final String TRANSFORMATION = "AES/CBC/PKCS5Padding";
    private static final String DECRYPTION_FAILED = "AES-CBC decryption failed";
    static final TinkCipherCache CIPHERS = new TinkCipherCache(TRANSFORMATION);

    @Override
    public byte[] encrypt(AesKey key, byte[] plaintext) throws GeneralSecurityException {
        TinkAesKey k = TinkAesKey.from(key);
        Objects.requireNonNull(plaintext, "plaintext");
        byte[] iv = Random.randBytes(IV_LENGTH);
        return seal(k, iv, plaintext, IV_LENGTH);
    }

    @Override
    public byte[] decrypt(AesKey key, byte[] ivAndCiphertext) throws GeneralSecurityException {
        TinkAesKey k = TinkAesKey.from(key);
        Objects.requireNonNull(ivAndCiphertext, "ivAndCiphertext");
        int length = ivAndCiphertext.length;
        if (length < 2 * IV_LENGTH || length % IV_LENGTH != 0) {
            throw new GeneralSecurityException(DECRYPTION_FAILED);
        }
        return open(k, new IvParameterSpec(ivAndCiphertext, 0, IV_LENGTH),
                ivAndCiphertext, IV_LENGTH, length - IV_LENGTH);
    }

    @Override
    public byte[] encrypt(AesKey key, byte[] iv, byte[] plaintext) throws GeneralSecurityException {
        TinkAesKey k = TinkAesKey.from(key);
        checkIv(iv);
        Objects.requireNonNull(plaintext, "plaintext");
        return seal(k, iv, plaintext, 0);
    }

    @Override
    public byte[] decrypt(AesKey key, byte[] iv, byte[] ciphertext) throws GeneralSecurityException {
        TinkAesKey k = TinkAesKey.from(key);
        checkIv(iv);
        Objects.requireNonNull(ciphertext, "ciphertext");
        if (ciphertext.length == 0 || ciphertext.length % IV_LENGTH != 0) {
            throw new GeneralSecurityException(DECRYPTION_FAILED);
        }
        return open(k, new IvParameterSpec(iv), ciphertext, 0, ciphertext.length);
    }

    /** Returns {@code [iv, when prefix is 16] ‖ ciphertext}. */
    private static byte[] seal(TinkAesKey key, byte[] iv, byte[] plaintext, int prefix)
            throws GeneralSecurityException {
        TinkCipherCache.Slot slot = CIPHERS.take(key);
        try {
            Cipher cipher = slot.cipher();
            cipher.init(Cipher.ENCRYPT_MODE, key.jcaKey(), new IvParameterSpec(iv));
            int length = cipher.getOutputSize(plaintext.length);
            byte[] out = new byte[prefix + length];
            if (prefix > 0) {
                System.arraycopy(iv, 0, out, 0, prefix);
            }
            int written = cipher.doFinal(plaintext, 0, plaintext.length, out, prefix);
            if (written != length) {
                throw new GeneralSecurityException("AES-CBC wrote an unexpected length");
            }
            return out;
        } catch (GeneralSecurityException | RuntimeException e) {
            slot.discard();
            throw e;
        } finally {
            slot.release();
        }
    }

    private static byte[] open(TinkAesKey key, IvParameterSpec iv, byte[] input, int offset, int length)
            throws GeneralSecurityException {
        TinkCipherCache.Slot slot = CIPHERS.take(key);
        try {
            Cipher cipher = slot.cipher();
            cipher.init(Cipher.DECRYPT_MODE, key.jcaKey(), iv);
            return cipher.doFinal(input, offset, length);
        } catch (GeneralSecurityException | RuntimeException e) {
            // one message for every cause: no padding oracle
            slot.discard();
            throw new GeneralSecurityException(DECRYPTION_FAILED);
        } finally {
            slot.release();
        }
    }

    private static void checkIv(byte[] iv) throws GeneralSecurityException {
        Objects.requireNonNull(iv, "iv");
        if (iv.length != IV_LENGTH) {
            throw new GeneralSecurityException(
                    "an AES-CBC IV is " + IV_LENGTH + " bytes long, not " + iv.length);
        }
    }
}
