package org.medcrypt.spi;

import java.security.GeneralSecurityException;

/**
 * AES in CBC mode with PKCS#7 padding. This is suite v1's cipher: it has no integrity
 * protection, so a modified ciphertext may decrypt to garbage instead of failing.
 *
 * <p>Decryption failures (wrong length, bad padding) throw a {@link GeneralSecurityException}
 * whose message does not say which check failed (no padding oracle).
 */
public interface AesCbc {

    /** IV and block length in bytes. */
    int IV_LENGTH = 16;

    /**
     * Encrypts with a fresh random IV.
     *
     * @return {@code IV ‖ ciphertext}
     */
    byte[] encrypt(AesKey key, byte[] plaintext) throws GeneralSecurityException;

    /**
     * Decrypts {@code IV ‖ ciphertext} as written by {@link #encrypt(AesKey, byte[])}.
     *
     * @throws GeneralSecurityException if the input is shorter than 32 bytes, not a whole number
     *     of blocks, or its padding is invalid
     */
    byte[] decrypt(AesKey key, byte[] ivAndCiphertext) throws GeneralSecurityException;

    /**
     * Encrypts with a caller-chosen IV; returns the ciphertext only (no IV). For test vectors
     * and interoperability; production code uses {@link #encrypt(AesKey, byte[])}.
     *
     * @throws GeneralSecurityException if {@code iv} is not 16 bytes
     */
    byte[] encrypt(AesKey key, byte[] iv, byte[] plaintext) throws GeneralSecurityException;

    /**
     * Decrypts a ciphertext (no IV prefix) with the given 16-byte IV.
     *
     * @throws GeneralSecurityException if {@code iv} is not 16 bytes, the ciphertext is empty or
     *     not a whole number of blocks, or its padding is invalid
     */
    byte[] decrypt(AesKey key, byte[] iv, byte[] ciphertext) throws GeneralSecurityException;
}
