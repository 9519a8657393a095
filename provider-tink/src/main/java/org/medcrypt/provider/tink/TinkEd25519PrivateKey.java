package org.medcrypt.provider.tink;

import com.google.crypto.tink.subtle.Ed25519Sign;
import java.security.GeneralSecurityException;
import org.medcrypt.spi.Ed25519PrivateKey;

/**
 * A parsed Ed25519 private key: Tink's {@link Ed25519Sign} (which keeps the hashed secret scalar
 * and the public key, so signing recomputes neither) and the raw public key. {@link #destroy()}
 * drops the signer and refuses further use, but cannot wipe Tink's copy of the secret: {@code
 * Ed25519Sign} keeps it in a private array with no way to clear it.
 */
final class TinkEd25519PrivateKey implements Ed25519PrivateKey {

    private final byte[] publicKey;
    private volatile Ed25519Sign signer;

    /** Takes ownership of {@code publicKey}. */
    TinkEd25519PrivateKey(Ed25519Sign signer, byte[] publicKey) {
        this.signer = signer;
        this.publicKey = publicKey;
    }

    static Ed25519Sign signerOf(Ed25519PrivateKey key) throws GeneralSecurityException {
        if (!(key instanceof TinkEd25519PrivateKey)) {
            throw new GeneralSecurityException("the Ed25519 private key was not made by the tink provider");
        }
        Ed25519Sign signer = ((TinkEd25519PrivateKey) key).signer;
        if (signer == null) {
            throw new GeneralSecurityException("the Ed25519 private key was destroyed");
        }
        return signer;
    }

    @Override
    public byte[] publicKey() {
        if (signer == null) {
            throw new IllegalStateException("the Ed25519 private key was destroyed");
        }
        return publicKey.clone();
    }

    /** Best effort: see the class comment. */
    @Override
    public void destroy() {
        signer = null;
    }

    @Override
    public boolean isDestroyed() {
        return signer == null;
    }

    @Override
    public String toString() {
        return "TinkEd25519PrivateKey[<redacted>" + (isDestroyed() ? ", destroyed" : "") + "]";
    }
}
