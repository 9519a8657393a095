package org.medcrypt.provider.bouncycastle;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Objects;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.medcrypt.spi.Ed25519PrivateKey;

/**
 * A parsed Ed25519 private key: Bouncy Castle's {@link Ed25519PrivateKeyParameters} (which keep
 * their own copy of the seed and cache the public point, so signing does not recompute it) and
 * the raw public key. {@link #destroy()} drops the reference and refuses further use, but cannot
 * wipe the seed: Bouncy Castle keeps it in a private array and hands out only copies.
 */
final class BcEd25519PrivateKey implements Ed25519PrivateKey {

    private final byte[] publicKey;
    private volatile Ed25519PrivateKeyParameters parameters;

    /** Takes ownership of {@code publicKey}. */
    BcEd25519PrivateKey(Ed25519PrivateKeyParameters parameters, byte[] publicKey) {
        this.parameters = parameters;
        this.publicKey = publicKey;
    }

    /** The key parameters of a live private key made by this provider. */
    static Ed25519PrivateKeyParameters parameters(Ed25519PrivateKey key) throws GeneralSecurityException {
        Objects.requireNonNull(key, "key");
        if (!(key instanceof BcEd25519PrivateKey bcKey)) {
            throw new InvalidKeyException("the Ed25519 private key was not made by the bouncycastle provider");
        }
        Ed25519PrivateKeyParameters parameters = bcKey.parameters;
        if (parameters == null) {
            throw new InvalidKeyException("the Ed25519 private key was destroyed");
        }
        return parameters;
    }

    @Override
    public byte[] publicKey() {
        if (parameters == null) {
            throw new IllegalStateException("the Ed25519 private key was destroyed");
        }
        return publicKey.clone();
    }

    /** Best effort: see the class comment. */
    @Override
    public void destroy() {
        parameters = null;
    }

    @Override
    public boolean isDestroyed() {
        return parameters == null;
    }

    @Override
    public String toString() {
        return "BcEd25519PrivateKey[<redacted>" + (isDestroyed() ? ", destroyed" : "") + "]";
    }
}
