package org.medcrypt.spi;

/** A provider's parsed Ed25519 public key. Usable only with the provider that made it. */
public interface Ed25519PublicKey {

    /** The raw 32-byte RFC 8032 encoding; a fresh copy on every call. */
    byte[] raw();
}
