package org.medcrypt.provider.jca;

import java.security.GeneralSecurityException;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import org.medcrypt.spi.AesCbc;
import org.medcrypt.spi.AesKey;

/** AES-CBC with PKCS#7 padding ({@code AES/CBC/PKCS5Padding} in JCA). */
final class JcaAesCbc implements AesCbc {

    private static final int BLOCK = 16;

    private final LazyEngine engine;

    JcaAesCbc(LazyEngine engine) {
        this.engine = engine;
    }

    @Override
    public byte[] encrypt(AesKey key, byte[] plaintext) throws GeneralSecurityException {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(plaintext, "plaintext");
        JcaEngine e = engine.get();
        AesSecretKey secretKey = JcaAesKey.secretKeyOf(key, e.providerId());
        byte[] iv = new byte[IV_LENGTH];
        e.random().nextBytes(iv);
        byte[] out = new byte[IV_LENGTH + paddedLength(plaintext.length)];
        System.arraycopy(iv, 0, out, 0, IV_LENGTH);
        seal(e.cbc(secretKey), secretKey, iv, plaintext, out, IV_LENGTH);
        return out;
    }

    @Override
    public byte[] encrypt(AesKey key, byte[] iv, byte[] plaintext) throws GeneralSecurityException {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(iv, "iv");
        Objects.requireNonNull(plaintext, "plaintext");
        requireIvLength(iv);
        JcaEngine e = engine.get();
        AesSecretKey secretKey = JcaAesKey.secretKeyOf(key, e.providerId());
        byte[] out = new byte[paddedLength(plaintext.length)];
        seal(e.cbc(secretKey), secretKey, iv, plaintext, out, 0);
        return out;
    }

    @Override
    public byte[] decrypt(AesKey key, byte[] ivAndCiphertext) throws GeneralSecurityException {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(ivAndCiphertext, "ivAndCiphertext");
        JcaEngine e = engine.get();
        AesSecretKey secretKey = JcaAesKey.secretKeyOf(key, e.providerId());
        int length = ivAndCiphertext.length;
        if (length < IV_LENGTH + BLOCK || length % BLOCK != 0) {
            throw failed();
        }
        return open(e.cbc(secretKey), secretKey, ivAndCiphertext, ivAndCiphertext, IV_LENGTH, length - IV_LENGTH);
    }

    @Override
    public byte[] decrypt(AesKey key, byte[] iv, byte[] ciphertext) throws GeneralSecurityException {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(iv, "iv");
        Objects.requireNonNull(ciphertext, "ciphertext");
        requireIvLength(iv);
        JcaEngine e = engine.get();
        AesSecretKey secretKey = JcaAesKey.secretKeyOf(key, e.providerId());
        if (ciphertext.length == 0 || ciphertext.length % BLOCK != 0) {
            throw failed();
        }
        return open(e.cbc(secretKey), secretKey, iv, ciphertext, 0, ciphertext.length);
    }

    private static void seal(AesCipherCache cache, AesSecretKey key, byte[] iv, byte[] plaintext, byte[] out,
            int outOffset) throws GeneralSecurityException {
        AesCipherCache.Slot slot = cache.take(key);
        try {
            Cipher cipher = slot.cipher();
            cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
            int written = cipher.doFinal(plaintext, 0, plaintext.length, out, outOffset);
            if (written != out.length - outOffset) {
                throw new GeneralSecurityException("AES-CBC wrote " + written + " bytes, expected "
                        + (out.length - outOffset));
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            slot.discard();
            throw e;
        } finally {
            slot.release();
        }
    }

    /** The IV is the first 16 bytes of {@code ivSource}. */
    private static byte[] open(AesCipherCache cache, AesSecretKey key, byte[] ivSource, byte[] in, int offset,
            int length) throws GeneralSecurityException {
        AesCipherCache.Slot slot = cache.take(key);
        try {
            Cipher cipher = slot.cipher();
            cipher.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(ivSource, 0, IV_LENGTH));
            // the plaintext length is known only once the padding is removed: let the cipher size it
            return cipher.doFinal(in, offset, length);
        } catch (GeneralSecurityException | RuntimeException e) {
            // neither the cause nor its message: they would say whether the padding was wrong
            slot.discard();
            throw failed();
        } finally {
            slot.release();
        }
    }

    private static int paddedLength(int plaintextLength) {
        return (plaintextLength / BLOCK + 1) * BLOCK;
    }

    private static void requireIvLength(byte[] iv) throws GeneralSecurityException {
        if (iv.length != IV_LENGTH) {
            throw new GeneralSecurityException("an AES-CBC IV is 16 bytes, not " + iv.length);
        }
    }

    private static GeneralSecurityException failed() {
        return new GeneralSecurityException("AES-CBC decryption failed");
    }
}
