package org.medcrypt.spi;

/** The primitives a provider implements; used to describe a provider to auditors. */
public enum Primitive {
    SECURE_RANDOM,
    AES_KEY_GENERATION,
    AES_CBC_PKCS7,
    AES_GCM,
    RSA_KEY_GENERATION,
    RSA_KEY_ENCODING,
    RSA_OAEP,
    /** Ed25519 key generation, signing and verification (signed pair keys). */
    ED25519,
    /** HKDF-SHA-256 (v2 key derivation and key commitment). */
    HKDF_SHA256
}
