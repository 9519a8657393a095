package org.medcrypt.spi;

/** The primitives a provider implements; used to describe a provider to auditors. */
public enum Primitive {
    SECURE_RANDOM,
    AES_KEY_GENERATION,
    AES_CBC_PKCS7,
    AES_GCM,
    RSA_KEY_GENERATION,
    RSA_KEY_ENCODING,
    RSA_OAEP
}
