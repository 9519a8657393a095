package org.medcrypt.spi;

import java.security.GeneralSecurityException;

/**
 * Ed25519 signatures (RFC 8032, pure Ed25519: no pre-hash, no context). medcrypt signs the pair
 * keys a party creates with it, so that a reader can tell a pair key its owner made from one that
 * someone who only knows public keys (the store, say) planted.
 *
 * <p>Keys are raw RFC 8032 encodings: a 32-byte private seed and a 32-byte public key; signatures
 * are 64 bytes. Verification is strict in the way Wycheproof checks: a signature whose {@code S}
 * is not reduced, a public key that is not a valid point encoding, or any length other than 64
 * bytes is rejected. Verification failures return {@code false}; they never say why.
 */
public interface Ed25519 {

    /** Public key length in bytes. */
    int PUBLIC_KEY_LENGTH = 32;

    /** Private key (seed) length in bytes. */
    int PRIVATE_KEY_LENGTH = 32;

    /** Signature length in bytes. */
    int SIGNATURE_LENGTH = 64;

    /** Generates a key pair from this provider's secure random source. */
    EncodedEd25519KeyPair generateKeyPair() throws GeneralSecurityException;

    /**
     * Parses a raw 32-byte public key.
     *
     * @throws GeneralSecurityException if it is not 32 bytes (a 32-byte value that is not a point
     *     may be refused here or make every {@link #verify} return false)
     */
    Ed25519PublicKey importPublicKey(byte[] raw) throws GeneralSecurityException;

    /**
     * Parses a raw 32-byte private seed. The caller may wipe {@code seed} afterwards.
     *
     * @throws GeneralSecurityException if it is not 32 bytes
     */
    Ed25519PrivateKey importPrivateKey(byte[] seed) throws GeneralSecurityException;

    /** Signs {@code message}; returns the 64-byte signature (deterministic, as RFC 8032 says). */
    byte[] sign(Ed25519PrivateKey key, byte[] message) throws GeneralSecurityException;

    /**
     * Whether {@code signature} is a valid signature of {@code message} under {@code key}. Any
     * invalid, malformed or wrong-length signature gives {@code false}, never an exception.
     */
    boolean verify(Ed25519PublicKey key, byte[] message, byte[] signature);
}
