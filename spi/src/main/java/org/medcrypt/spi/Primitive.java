package org.medcrypt.spi;

/** The primitives a provider implements; used to describe a provider to auditors. */
public enum Primitive {
    /** Cryptographically secure random bytes. */
    SECURE_RANDOM,
    /** AES key generation and import. */
    AES_KEY_GENERATION,
    /** AES-CBC with PKCS#7 padding (suite v1). */
    AES_CBC_PKCS7,
    /** AES-GCM with a 96-bit nonce and a 128-bit tag (suite v2). */
    AES_GCM,
    /** RSA key pair generation. */
    RSA_KEY_GENERATION,
    /** RSA key import and export (SubjectPublicKeyInfo, PKCS#8). */
    RSA_KEY_ENCODING,
    /** RSA-OAEP encryption and decryption of pair keys. */
    RSA_OAEP,
    /** Ed25519 key generation, signing and verification (signed pair keys). */
    ED25519,
    /** HKDF-SHA-256 (v2 key derivation and key commitment). */
    HKDF_SHA256
}
