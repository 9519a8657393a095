package org.medcrypt.provider.jca;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import org.medcrypt.spi.AesGcm;
import org.medcrypt.spi.AesKey;

/** AES-GCM with a 96-bit nonce and a 128-bit tag ({@code AES/GCM/NoPadding} in JCA). */
final class JcaAesGcm implements AesGcm {

    private static final int TAG_BITS = TAG_LENGTH * 8;

    private final LazyEngine engine;

    JcaAesGcm(LazyEngine engine) {
        this.engine = engine;
    }

    @Override
    public byte[] encrypt(AesKey key, byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(associatedData, "associatedData");
        JcaEngine e = engine.get();
        AesSecretKey secretKey = JcaAesKey.secretKeyOf(key, e.providerId());
        byte[] nonce = new byte[NONCE_LENGTH];
        e.random().nextBytes(nonce);
        byte[] out = new byte[NONCE_LENGTH + plaintext.length + TAG_LENGTH];
        System.arraycopy(nonce, 0, out, 0, NONCE_LENGTH);
        seal(e.gcm(secretKey), secretKey, nonce, plaintext, associatedData, out, NONCE_LENGTH);
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
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(associatedData, "associatedData");
        Objects.checkFromIndexSize(offset, length, input.length);
        JcaEngine e = engine.get();
        AesSecretKey secretKey = JcaAesKey.secretKeyOf(key, e.providerId());
        if (length < NONCE_LENGTH + TAG_LENGTH) {
            throw failed();
        }
        return open(e.gcm(secretKey), secretKey, input, offset, input, offset + NONCE_LENGTH, length - NONCE_LENGTH,
                associatedData);
    }

    @Override
    public byte[] encryptWithNonce(AesKey key, byte[] nonce, byte[] plaintext, byte[] associatedData)
            throws GeneralSecurityException {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(associatedData, "associatedData");
        requireNonceLength(nonce);
        JcaEngine e = engine.get();
        AesSecretKey secretKey = JcaAesKey.secretKeyOf(key, e.providerId());
        byte[] out = new byte[plaintext.length + TAG_LENGTH];
        seal(e.gcm(secretKey), secretKey, nonce, plaintext, associatedData, out, 0);
        return out;
    }

    @Override
    public byte[] decryptWithNonce(AesKey key, byte[] nonce, byte[] ciphertextAndTag, byte[] associatedData)
            throws GeneralSecurityException {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(ciphertextAndTag, "ciphertextAndTag");
        Objects.requireNonNull(associatedData, "associatedData");
        requireNonceLength(nonce);
        JcaEngine e = engine.get();
        AesSecretKey secretKey = JcaAesKey.secretKeyOf(key, e.providerId());
        if (ciphertextAndTag.length < TAG_LENGTH) {
            throw failed();
        }
        return open(e.gcm(secretKey), secretKey, nonce, 0, ciphertextAndTag, 0, ciphertextAndTag.length,
                associatedData);
    }

    private static void seal(AesCipherCache cache, AesSecretKey key, byte[] nonce, byte[] plaintext,
            byte[] associatedData, byte[] out, int outOffset) throws GeneralSecurityException {
        GCMParameterSpec parameters = new GCMParameterSpec(TAG_BITS, nonce);
        AesCipherCache.Slot slot = cache.take(key);
        try {
            Cipher cipher = slot.cipher();
            try {
                cipher.init(Cipher.ENCRYPT_MODE, key, parameters);
            } catch (InvalidAlgorithmParameterException sameKeyAndNonce) {
                // JCA's GCM ciphers refuse to encrypt twice in a row with one key and nonce on
                // the same object (a guard against nonce reuse); only encryptWithNonce can get
                // here, and a fresh cipher has no memory of the previous call
                cipher = slot.fresh();
                cipher.init(Cipher.ENCRYPT_MODE, key, parameters);
            }
            if (associatedData.length > 0) {
                cipher.updateAAD(associatedData);
            }
            int written = cipher.doFinal(plaintext, 0, plaintext.length, out, outOffset);
            if (written != out.length - outOffset) {
                throw new GeneralSecurityException("AES-GCM wrote " + written + " bytes, expected "
                        + (out.length - outOffset));
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            slot.discard();
            throw e;
        } finally {
            slot.release();
        }
    }

    /** The nonce is the 12 bytes of {@code nonceSource} from {@code nonceOffset} on. */
    private static byte[] open(AesCipherCache cache, AesSecretKey key, byte[] nonceSource, int nonceOffset, byte[] in,
            int offset, int length, byte[] associatedData) throws GeneralSecurityException {
        AesCipherCache.Slot slot = cache.take(key);
        try {
            Cipher cipher = slot.cipher();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonceSource, nonceOffset, NONCE_LENGTH));
            if (associatedData.length > 0) {
                cipher.updateAAD(associatedData);
            }
            byte[] out = new byte[length - TAG_LENGTH];
            int written = cipher.doFinal(in, offset, length, out, 0);
            if (written != out.length) {
                throw new GeneralSecurityException("unexpected plaintext length");
            }
            return out;
        } catch (GeneralSecurityException | RuntimeException e) {
            // one message for a wrong key, tag, nonce or associated data: no oracle
            slot.discard();
            throw failed();
        } finally {
            slot.release();
        }
    }

    private static void requireNonceLength(byte[] nonce) throws GeneralSecurityException {
        if (nonce.length != NONCE_LENGTH) {
            throw new GeneralSecurityException("an AES-GCM nonce is 12 bytes, not " + nonce.length);
        }
    }

    private static GeneralSecurityException failed() {
        return new GeneralSecurityException("AES-GCM decryption failed");
    }
}
