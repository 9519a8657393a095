package org.medcrypt.spi;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;

/**
 * AES-GCM with a 96-bit nonce and a 128-bit tag, the only parameters this SPI allows (other
 * nonce or tag lengths are refused with a {@link GeneralSecurityException}).
 *
 * <p>Any decryption failure (wrong key, modified ciphertext, tag or associated data, truncated
 * input) throws a {@link GeneralSecurityException} whose message does not say which.
 */
public interface AesGcm {

    /** Nonce length in bytes. */
    int NONCE_LENGTH = 12;

    /** Tag length in bytes. */
    int TAG_LENGTH = 16;

    /**
     * Encrypts with a fresh random nonce.
     *
     * @param associatedData authenticated but not encrypted; may be empty, not null
     * @return {@code nonce ‖ ciphertext ‖ tag}
     */
    byte[] encrypt(AesKey key, byte[] plaintext, byte[] associatedData) throws GeneralSecurityException;

    /** Decrypts {@code nonce ‖ ciphertext ‖ tag} as written by {@link #encrypt(AesKey, byte[], byte[])}. */
    byte[] decrypt(AesKey key, byte[] nonceCiphertextAndTag, byte[] associatedData)
            throws GeneralSecurityException;

    /**
     * Decrypts the {@code length} bytes of {@code input} from {@code offset} on, which hold {@code
     * nonce ‖ ciphertext ‖ tag} as {@link #decrypt(AesKey, byte[], byte[])} takes them: for a value
     * that sits inside a larger buffer (a decoded envelope), so that the caller need not copy it
     * out. Bytes outside the range are neither read nor changed. A range too short for a nonce and
     * a tag fails like any other failed decryption.
     *
     * <p>The default copies the range and calls {@link #decrypt(AesKey, byte[], byte[])};
     * providers override it to read the range in place.
     *
     * @throws IndexOutOfBoundsException if the range is not inside {@code input} (a caller's
     *     mistake, not a property of the ciphertext)
     */
    default byte[] decrypt(AesKey key, byte[] input, int offset, int length, byte[] associatedData)
            throws GeneralSecurityException {
        Objects.checkFromIndexSize(offset, length, Objects.requireNonNull(input, "input").length);
        return decrypt(key, Arrays.copyOfRange(input, offset, offset + length), associatedData);
    }

    /**
     * Encrypts with a caller-chosen nonce; returns {@code ciphertext ‖ tag} (no nonce). For test
     * vectors only: reusing a nonce with the same key destroys GCM's security.
     *
     * @throws GeneralSecurityException if {@code nonce} is not 12 bytes
     */
    byte[] encryptWithNonce(AesKey key, byte[] nonce, byte[] plaintext, byte[] associatedData)
            throws GeneralSecurityException;

    /**
     * Decrypts {@code ciphertext ‖ tag} (no nonce) with the given 12-byte nonce.
     *
     * @throws GeneralSecurityException if {@code nonce} is not 12 bytes or authentication fails
     */
    byte[] decryptWithNonce(AesKey key, byte[] nonce, byte[] ciphertextAndTag, byte[] associatedData)
            throws GeneralSecurityException;
}
