package org.medcrypt.provider.bouncycastle;

import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.medcrypt.spi.Ed25519PublicKey;

/** A parsed Ed25519 public key: Bouncy Castle's decoded point, kept so it is decoded once. */
final class BcEd25519PublicKey implements Ed25519PublicKey {

    private final Ed25519PublicKeyParameters parameters;

    BcEd25519PublicKey(Ed25519PublicKeyParameters parameters) {
        this.parameters = parameters;
    }

    Ed25519PublicKeyParameters parameters() {
        return parameters;
    }

    /** Bouncy Castle's {@code getEncoded()} is already a fresh copy. */
    @Override
    public byte[] raw() {
        return parameters.getEncoded();
    }

    @Override
    public String toString() {
        return "BcEd25519PublicKey[32 bytes]";
    }
}
