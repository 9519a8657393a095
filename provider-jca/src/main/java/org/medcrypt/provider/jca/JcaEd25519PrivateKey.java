package org.medcrypt.provider.jca;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import org.medcrypt.spi.Ed25519PrivateKey;

/**
 * A parsed Ed25519 private key of the {@code jca} or {@code conscrypt} provider: the JCA key that
 * signs, and the raw public key that goes with it. {@link #destroy()} is best effort: it asks the
 * JCA key to destroy itself (the JDK's EdDSA keys refuse: Java 17 gives no way to wipe them) and
 * drops the reference, so that nothing here can use the key again.
 */
final class JcaEd25519PrivateKey implements Ed25519PrivateKey {

    private final String providerId;
    private final byte[] publicKey;
    private volatile PrivateKey key;

    /** Takes ownership of {@code publicKey}. */
    JcaEd25519PrivateKey(String providerId, PrivateKey key, byte[] publicKey) {
        this.providerId = providerId;
        this.key = key;
        this.publicKey = publicKey;
    }

    /** The live JCA key, after checking it was made by {@code providerId}. */
    static PrivateKey keyOf(Ed25519PrivateKey key, String providerId) throws GeneralSecurityException {
        if (!(key instanceof JcaEd25519PrivateKey jcaKey) || !jcaKey.providerId.equals(providerId)) {
            throw new InvalidKeyException("the Ed25519 private key was not made by provider '" + providerId + "'");
        }
        PrivateKey live = jcaKey.key;
        if (live == null) {
            throw new InvalidKeyException("the Ed25519 private key was destroyed");
        }
        return live;
    }

    @Override
    public byte[] publicKey() {
        if (key == null) {
            throw new IllegalStateException("the Ed25519 private key was destroyed");
        }
        return publicKey.clone();
    }

    @Override
    public void destroy() {
        PrivateKey live = key;
        key = null;
        if (live != null) {
            JcaRsaPrivateKey.destroyQuietly(live);
        }
    }

    @Override
    public boolean isDestroyed() {
        return key == null;
    }

    @Override
    public String toString() {
        return "Ed25519PrivateKey[provider=" + providerId + ", <redacted>" + (isDestroyed() ? ", destroyed" : "") + "]";
    }
}
