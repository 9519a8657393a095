package org.medcrypt.spi;

import java.security.GeneralSecurityException;

/**
 * HKDF with HMAC-SHA-256 (RFC 5869), extract then expand. medcrypt's v2 suite derives the key
 * that encrypts {@code encryptedSelf}, and a key commitment, from the content key with it.
 */
public interface Hkdf {

    /** The largest output RFC 5869 allows with SHA-256: 255 × 32 bytes. */
    int MAX_OUTPUT_LENGTH = 255 * 32;

    /**
     * HKDF-SHA-256.
     *
     * @param inputKeyMaterial the secret; may be empty, not null
     * @param salt may be empty (then RFC 5869's 32 zero bytes are used), not null
     * @param info may be empty, not null
     * @param length 1 to {@link #MAX_OUTPUT_LENGTH}
     * @throws GeneralSecurityException if {@code length} is out of range
     */
    byte[] sha256(byte[] inputKeyMaterial, byte[] salt, byte[] info, int length) throws GeneralSecurityException;
}
