package org.medcrypt.spi;

import java.security.GeneralSecurityException;

/**
 * RSA key pair generation, key import and RSA-OAEP encryption.
 *
 * <p>Moduli from 2048 to 8192 bits are accepted on import; 2048, 3072 and 4096 on generation.
 * Smaller moduli are refused. The public exponent of generated keys is 65537.
 *
 * <p>Decryption failures throw a {@link GeneralSecurityException} whose message does not say
 * which check failed (no padding oracle).
 */
public interface RsaOaep {

    /** Smallest modulus accepted, in bits. */
    int MIN_MODULUS_BITS = 2048;

    /** Largest modulus accepted, in bits. */
    int MAX_MODULUS_BITS = 8192;

    /**
     * Generates a key pair.
     *
     * @param modulusBits 2048, 3072 or 4096
     */
    EncodedRsaKeyPair generateKeyPair(int modulusBits) throws GeneralSecurityException;

    /** Parses a SubjectPublicKeyInfo (DER) RSA public key. */
    RsaPublicKey importPublicKey(byte[] spki) throws GeneralSecurityException;

    /** Parses a PKCS#8 (DER) RSA private key. The caller may wipe {@code pkcs8} afterwards. */
    RsaPrivateKey importPrivateKey(byte[] pkcs8) throws GeneralSecurityException;

    /**
     * Encrypts with RSA-OAEP.
     *
     * @param label the OAEP label; empty for medcrypt's own data, not null
     * @throws GeneralSecurityException if the plaintext is longer than
     *     {@link OaepParameters#maxPlaintextLength(int)}
     */
    byte[] encrypt(RsaPublicKey key, OaepParameters parameters, byte[] plaintext, byte[] label)
            throws GeneralSecurityException;

    /**
     * Decrypts RSA-OAEP.
     *
     * @param label the OAEP label; empty for medcrypt's own data, not null
     */
    byte[] decrypt(RsaPrivateKey key, OaepParameters parameters, byte[] ciphertext, byte[] label)
            throws GeneralSecurityException;
}
