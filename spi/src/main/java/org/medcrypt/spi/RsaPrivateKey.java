package org.medcrypt.spi;

import javax.security.auth.Destroyable;

/**
 * A provider's parsed RSA private key, kept so the key is not re-parsed for every operation.
 * Usable only with the provider that made it. Never printed by {@code toString()}.
 */
public interface RsaPrivateKey extends Destroyable {

    /** Modulus length in bits. */
    int modulusBits();

    /**
     * Wipes what this handle owns (best effort: some libraries keep key parts in immutable
     * {@code BigInteger}s). Any later use throws.
     */
    @Override
    void destroy();
}
