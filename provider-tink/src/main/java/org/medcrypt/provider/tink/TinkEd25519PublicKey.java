package org.medcrypt.provider.tink;

import com.google.crypto.tink.subtle.Ed25519Verify;
import org.medcrypt.spi.Ed25519PublicKey;

/** A parsed Ed25519 public key: the raw bytes and Tink's verifier for them. */
final class TinkEd25519PublicKey implements Ed25519PublicKey {

    private final byte[] raw;
    private final Ed25519Verify verifier;

    /** Takes ownership of {@code raw}. */
    TinkEd25519PublicKey(byte[] raw, Ed25519Verify verifier) {
        this.raw = raw;
        this.verifier = verifier;
    }

    Ed25519Verify verifier() {
        return verifier;
    }

    @Override
    public byte[] raw() {
        return raw.clone();
    }

    @Override
    public String toString() {
        return "TinkEd25519PublicKey[32 bytes]";
    }
}
