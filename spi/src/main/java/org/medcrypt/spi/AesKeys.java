package org.medcrypt.spi;

import java.security.GeneralSecurityException;

/** AES key generation and import. */
public interface AesKeys {

    /**
     * Generates a random AES key.
     *
     * @param sizeInBits 128 or 256 (192 is accepted too)
     * @return the raw key bytes; the caller owns and should wipe them
     * @throws GeneralSecurityException if the size is not 128, 192 or 256
     */
    byte[] generate(int sizeInBits) throws GeneralSecurityException;

    /**
     * Parses raw key bytes into a handle. The handle keeps its own copy, so the caller may wipe
     * {@code raw} afterwards.
     *
     * @throws GeneralSecurityException if {@code raw} is not 16, 24 or 32 bytes long
     */
    AesKey importKey(byte[] raw) throws GeneralSecurityException;
}
