package org.medcrypt.provider.tink;

import com.google.crypto.tink.aead.internal.AesGcmJceUtil;
import com.google.crypto.tink.aead.internal.InsecureNonceAesGcmJce;
import com.google.crypto.tink.subtle.EngineFactory;
import com.google.crypto.tink.subtle.Random;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.medcrypt.spi.AesGcm;
import org.medcrypt.spi.AesKey;

/**
 * AES-GCM on Tink's {@link InsecureNonceAesGcmJce} for 128- and 256-bit keys. Tink refuses
 * 192-bit AES keys, so those (and only those) run on JCA's {@code AES/GCM/NoPadding} obtained
 * through Tink's {@link EngineFactory}; {@link TinkCryptoProvider#primitives()} says so.
 */
final class TinkAesGcm implements AesGcm {

    static final String JCA_TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int TAG_BITS = TAG_LENGTH * 8;
    private static final String DECRYPTION_FAILED = "AES-GCM decryption failed";
    /** For AES-192 only: JCA Cipher objects are not thread-safe. */
    private static final ThreadLocal<Cipher> JCA_CIPHER = new ThreadLocal<>();

    @Override
    public byte[] encrypt(AesKey key, byte[] plaintext, byte[] associatedData)
            throws GeneralSecurityException {
        TinkAesKey k = TinkAesKey.from(key);
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(associatedData, "associatedData");
        byte[] nonce = Random.randBytes(NONCE_LENGTH);
        // Tink writes ciphertext ‖ tag after an output prefix of NONCE_LENGTH bytes: no copy.
        byte[] out = seal(k, nonce, plaintext, associatedData, NONCE_LENGTH);
        System.arraycopy(nonce, 0, out, 0, NONCE_LENGTH);
        return out;
    }

    @Override
    public byte[] decrypt(AesKey key, byte[] nonceCiphertextAndTag, byte[] associatedData)
            throws GeneralSecurityException {
        TinkAesKey k = TinkAesKey.from(key);
        Objects.requireNonNull(nonceCiphertextAndTag, "nonceCiphertextAndTag");
        Objects.requireNonNull(associatedData, "associatedData");
        if (nonceCiphertextAndTag.length < NONCE_LENGTH + TAG_LENGTH) {
            throw new GeneralSecurityException(DECRYPTION_FAILED);
        }
        byte[] nonce = new byte[NONCE_LENGTH];
        System.arraycopy(nonceCiphertextAndTag, 0, nonce, 0, NONCE_LENGTH);
        return open(k, nonce, nonceCiphertextAndTag, NONCE_LENGTH, associatedData);
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
        return open(k, nonce, ciphertextAndTag, 0, associatedData);
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
        InsecureNonceAesGcmJce gcm = key.tinkGcm();
        if (gcm == null) {
            return jcaSeal(key, nonce, plaintext, aad, prefix);
        }
        try {
            return gcm.encrypt(nonce, plaintext, prefix, aad);
        } catch (InvalidAlgorithmParameterException e) {
            // The JDK's GCM refuses to init a Cipher for encryption with the key and nonce of its
            // previous encryption; Tink shares one Cipher per thread, so encrypting twice with
            // the same explicit nonce (test vectors) lands here. Move the Cipher on and retry.
            resetForNonceReuse(AesGcmJceUtil.getThreadLocalCipher());
            return gcm.encrypt(nonce, plaintext, prefix, aad);
        }
    }

    private static byte[] open(TinkAesKey key, byte[] nonce, byte[] input, int offset, byte[] aad)
            throws GeneralSecurityException {
        InsecureNonceAesGcmJce gcm = key.tinkGcm();
        try {
            if (gcm == null) {
                return jcaOpen(key, nonce, input, offset, aad);
            }
            return gcm.decrypt(nonce, input, offset, aad);
        } catch (GeneralSecurityException e) {
            // one message for every cause: no tag or length oracle
            throw new GeneralSecurityException(DECRYPTION_FAILED);
        }
    }

    private static byte[] jcaSeal(TinkAesKey key, byte[] nonce, byte[] plaintext, byte[] aad, int prefix)
            throws GeneralSecurityException {
        Cipher cipher = jcaCipher();
        GCMParameterSpec spec = new GCMParameterSpec(TAG_BITS, nonce);
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key.jcaKey(), spec);
        } catch (InvalidAlgorithmParameterException e) {
            resetForNonceReuse(cipher);
            cipher.init(Cipher.ENCRYPT_MODE, key.jcaKey(), spec);
        }
        if (aad.length > 0) {
            cipher.updateAAD(aad);
        }
        int length = cipher.getOutputSize(plaintext.length);
        byte[] out = new byte[prefix + length];
        cipher.doFinal(plaintext, 0, plaintext.length, out, prefix);
        return out;
    }

    private static byte[] jcaOpen(TinkAesKey key, byte[] nonce, byte[] input, int offset, byte[] aad)
            throws GeneralSecurityException {
        Cipher cipher = jcaCipher();
        cipher.init(Cipher.DECRYPT_MODE, key.jcaKey(), new GCMParameterSpec(TAG_BITS, nonce));
        if (aad.length > 0) {
            cipher.updateAAD(aad);
        }
        return cipher.doFinal(input, offset, input.length - offset);
    }

    private static Cipher jcaCipher() throws GeneralSecurityException {
        Cipher cipher = JCA_CIPHER.get();
        if (cipher == null) {
            cipher = EngineFactory.CIPHER.getInstance(JCA_TRANSFORMATION);
            JCA_CIPHER.set(cipher);
        }
        return cipher;
    }

    /** Initialises {@code cipher} once with a throw-away key and nonce, so the next init is not a "reuse". */
    private static void resetForNonceReuse(Cipher cipher) throws GeneralSecurityException {
        cipher.init(
                Cipher.ENCRYPT_MODE,
                new SecretKeySpec(Random.randBytes(16), "AES"),
                new GCMParameterSpec(TAG_BITS, Random.randBytes(NONCE_LENGTH)));
    }
}
