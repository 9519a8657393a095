package org.medcrypt.spi;

import javax.security.auth.Destroyable;

/**
 * A provider's parsed Ed25519 private key. Usable only with the provider that made it. Never
 * printed by {@code toString()}.
 */
public interface Ed25519PrivateKey extends Destroyable {

    /** The raw 32-byte public key that goes with this private key; a fresh copy. */
    byte[] publicKey();

    /** Wipes what this handle owns (best effort); any later use throws. */
    @Override
    void destroy();
}
