package org.medcrypt.provider.jca;

import java.security.PublicKey;
import org.medcrypt.spi.Ed25519PublicKey;

/** A parsed Ed25519 public key of the {@code jca} or {@code conscrypt} provider. */
final class JcaEd25519PublicKey implements Ed25519PublicKey {

    private final String providerId;
    private final PublicKey key;
    private final byte[] raw;

    /** Takes ownership of {@code raw}. */
    JcaEd25519PublicKey(String providerId, PublicKey key, byte[] raw) {
        this.providerId = providerId;
        this.key = key;
        this.raw = raw;
    }

    /** The JCA key when this handle was made by {@code providerId}; otherwise null. */
    static PublicKey keyOf(Ed25519PublicKey key, String providerId) {
        return key instanceof JcaEd25519PublicKey jcaKey && jcaKey.providerId.equals(providerId) ? jcaKey.key : null;
    }

    @Override
    public byte[] raw() {
        return raw.clone();
    }

    @Override
    public String toString() {
        return "Ed25519PublicKey[provider=" + providerId + "]";
    }
}
