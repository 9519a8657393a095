package org.medcrypt.provider.jca;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import javax.security.auth.DestroyFailedException;
import org.medcrypt.spi.RsaPrivateKey;

/**
 * A parsed RSA private key of the {@code jca}, {@code conscrypt} or {@code accp} provider. {@link
 * #destroy()} is best effort: it asks the JCA key to destroy itself (the JDK's and Conscrypt's RSA
 * keys refuse, their parts being immutable {@code BigInteger}s or native memory freed by the
 * garbage collector; ACCP's frees its native key and wipes its cached encoding) and drops the
 * reference so that nothing here can use it again.
 */
final class JcaRsaPrivateKey implements RsaPrivateKey {

    private final String providerId;
    private final int modulusBits;
    private volatile PrivateKey key;

    JcaRsaPrivateKey(String providerId, PrivateKey key, int modulusBits) {
        this.providerId = providerId;
        this.key = key;
        this.modulusBits = modulusBits;
    }

    /** The live JCA key, after checking it was made by {@code providerId}. */
    static PrivateKey keyOf(RsaPrivateKey key, String providerId) throws GeneralSecurityException {
        if (!(key instanceof JcaRsaPrivateKey jcaKey) || !jcaKey.providerId.equals(providerId)) {
            throw new GeneralSecurityException("the RSA private key was not made by provider '" + providerId + "'");
        }
        PrivateKey live = jcaKey.key;
        if (live == null) {
            throw new GeneralSecurityException("the RSA private key was destroyed");
        }
        return live;
    }

    @Override
    public int modulusBits() {
        return modulusBits;
    }

    @Override
    public void destroy() {
        PrivateKey live = key;
        key = null;
        if (live != null) {
            destroyQuietly(live);
        }
    }

    @Override
    public boolean isDestroyed() {
        return key == null;
    }

    @Override
    public String toString() {
        return "RsaPrivateKey[provider=" + providerId + ", " + modulusBits + " bits, <redacted>"
                + (isDestroyed() ? ", destroyed" : "") + "]";
    }

    static void destroyQuietly(PrivateKey key) {
        try {
            key.destroy();
        } catch (DestroyFailedException e) {
            // the default of Destroyable: the library cannot wipe this key
        }
    }
}
