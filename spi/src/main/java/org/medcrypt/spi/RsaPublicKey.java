package org.medcrypt.spi;

/** A provider's parsed RSA public key. Usable only with the provider that made it. */
public interface RsaPublicKey {

    /** Modulus length in bits. */
    int modulusBits();

    /** The SubjectPublicKeyInfo (DER) encoding; a fresh copy on every call. */
    byte[] spki();
}
