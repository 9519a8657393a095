package org.medcrypt.provider.tink;

import com.google.crypto.tink.aead.internal.AesGcmJceUtil;
import com.google.crypto.tink.subtle.EngineFactory;
import com.google.crypto.tink.subtle.Random;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Objects;
import javax.crypto.Cipher;
import org.medcrypt.spi.AesGcm;
import org.medcrypt.spi.AesKey;

/**
 * AES-GCM on JCA's {@code AES/GCM/NoPadding} from Tink's {@link EngineFactory}, with the GCM
 * parameters of Tink's {@link AesGcmJceUtil} — what Tink's {@code InsecureNonceAesGcmJce} runs,
 * but on per-thread ciphers that forget a key when it is destroyed ({@link TinkCipherCache}) and
 * with a key object the handle can wipe. Nonces come from Tink's {@link Random}.
 */
final class TinkAesGcm implements AesGcm {

    static final String JCA_TRANSFORMATION = "AES/GCM/NoPadding";
    private static final String DECRYPTION_FAILED = "AES-GCM decryption failed";
    static final TinkCipherCache CIPHERS = new TinkCipherCache(JCA_TRANSFORMATION);

    @Override
    public byte[] encrypt(AesKey key, byte[] plaintext, byte[] associatedData)
            throws GeneralSecurityException {
        TinkAesKey k = TinkAesKey.from(key);
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(associatedData, "associatedData");
        byte[] nonce = Random.randBytes(NONCE_LENGTH);
        // ciphertext ‖ tag written after a prefix of NONCE_LENGTH bytes: no copy
        byte[] out = seal(k, nonce, plaintext, associatedData, NONCE_LENGTH);
        System.arraycopy(nonce, 0, out, 0, NONCE_LENGTH);
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
        TinkAesKey k = TinkAesKey.from(key);
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(associatedData, "associatedData");
        Objects.checkFromIndexSize(offset, length, input.length);
        if (length < NONCE_LENGTH + TAG_LENGTH) {
            throw new GeneralSecurityException(DECRYPTION_FAILED);
        }
        return open(k, AesGcmJceUtil.getParams(input, offset, NONCE_LENGTH), input, offset + NONCE_LENGTH,
                length - NONCE_LENGTH, associatedData);
    }

    @Override
    public byte[] encryptWithNonce(AesKey key, byte[] nonce, byte[] plaintext, byte[] associatedData)
            throws GeneralSecurityException {
        TinkAesKey k = TinkAesKey.from(key);
        checkNonce(nonce);
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(associatedData, "associatedData");
        return seal(k, nonce, plaintext, associatedData, 0);
    }

    @Override
    public byte[] decryptWithNonce(AesKey key, byte[] nonce, byte[] ciphertextAndTag, byte[] associatedData)
            throws GeneralSecurityException {
        TinkAesKey k = TinkAesKey.from(key);
        checkNonce(nonce);
        Objects.requireNonNull(ciphertextAndTag, "ciphertextAndTag");
        Objects.requireNonNull(associatedData, "associatedData");
        if (ciphertextAndTag.length < TAG_LENGTH) {
            throw new GeneralSecurityException(DECRYPTION_FAILED);
        }
        return open(k, AesGcmJceUtil.getParams(nonce), ciphertextAndTag, 0, ciphertextAndTag.length, associatedData);
    }

    private static void checkNonce(byte[] nonce) throws GeneralSecurityException {
        Objects.requireNonNull(nonce, "nonce");
        if (nonce.length != NONCE_LENGTH) {
            throw new GeneralSecurityException(
                    "an AES-GCM nonce is " + NONCE_LENGTH + " bytes long, not " + nonce.length);
        }
    }

    /** Returns {@code [prefix bytes left zero] ‖ ciphertext ‖ tag}. */
    private static byte[] seal(TinkAesKey key, byte[] nonce, byte[] plaintext, byte[] aad, int prefix)
            throws GeneralSecurityException {
        AlgorithmParameterSpec parameters = AesGcmJceUtil.getParams(nonce);
        TinkCipherCache.Slot slot = CIPHERS.take(key);
        try {
            Cipher cipher = slot.cipher();
            try {
                cipher.init(Cipher.ENCRYPT_MODE, key.jcaKey(), parameters);
            } catch (InvalidAlgorithmParameterException sameKeyAndNonce) {
                // The JDK's GCM refuses to init a Cipher for encryption with the key and nonce of
                // its previous encryption; encrypting twice with the same explicit nonce (test
                // vectors) lands here. A fresh Cipher has no memory of the previous call.
                cipher = slot.fresh();
                cipher.init(Cipher.ENCRYPT_MODE, key.jcaKey(), parameters);
            }
            if (aad.length > 0) {
                cipher.updateAAD(aad);
            }
            byte[] out = new byte[prefix + plaintext.length + TAG_LENGTH];
            int written = cipher.doFinal(plaintext, 0, plaintext.length, out, prefix);
            if (written != plaintext.length + TAG_LENGTH) {
                throw new GeneralSecurityException("AES-GCM wrote an unexpected length");
            }
            return out;
        } catch (GeneralSecurityException | RuntimeException e) {
            slot.discard();
            throw e;
        } finally {
            slot.release();
        }
    }

    private static byte[] open(TinkAesKey key, AlgorithmParameterSpec parameters, byte[] input, int offset,
            int length, byte[] aad) throws GeneralSecurityException {
        TinkCipherCache.Slot slot = CIPHERS.take(key);
        try {
            Cipher cipher = slot.cipher();
            cipher.init(Cipher.DECRYPT_MODE, key.jcaKey(), parameters);
            if (aad.length > 0) {
                cipher.updateAAD(aad);
            }
            return cipher.doFinal(input, offset, length);
        } catch (GeneralSecurityException | RuntimeException e) {
            // one message for every cause: no tag or length oracle
            slot.discard();
            throw new GeneralSecurityException(DECRYPTION_FAILED);
        } finally {
            slot.release();
        }
    }
}
