package org.medcrypt.provider.tink;

import java.security.GeneralSecurityException;
import java.security.interfaces.RSAPrivateKey;
import javax.security.auth.DestroyFailedException;
import org.medcrypt.spi.RsaPrivateKey;

/**
 * A parsed RSA private key (JCA key object made by Tink's {@code EngineFactory.KEY_FACTORY}).
 * {@link #destroy()} is best effort: the JDK's RSA key keeps its parts in {@code BigInteger}s,
 * which cannot be wiped; the handle asks the key to destroy itself and drops it.
 */
final class TinkRsaPrivateKey implements RsaPrivateKey {

    private volatile RSAPrivateKey jcaKey;
    private final int modulusBits;

    TinkRsaPrivateKey(RSAPrivateKey jcaKey) {
        this.jcaKey = jcaKey;
        this.modulusBits = jcaKey.getModulus().bitLength();
    }

    static RSAPrivateKey jcaKeyOf(RsaPrivateKey key) throws GeneralSecurityException {
        if (!(key instanceof TinkRsaPrivateKey)) {
            throw new GeneralSecurityException("the RSA private key was not made by the tink provider");
        }
        RSAPrivateKey jcaKey = ((TinkRsaPrivateKey) key).jcaKey;
        if (jcaKey == null) {
            throw new GeneralSecurityException("the RSA private key was destroyed");
        }
        return jcaKey;
    }

    @Override
    public int modulusBits() {
        return modulusBits;
    }

    @Override
    public void destroy() {
        RSAPrivateKey key = jcaKey;
        jcaKey = null;
        if (key != null) {
            try {
                key.destroy();
            } catch (DestroyFailedException e) {
                // the JDK's RSA keys do not implement destroy(); dropping the reference is all we can do
            }
        }
    }

    @Override
    public boolean isDestroyed() {
        return jcaKey == null;
    }

    @Override
    public String toString() {
        return "TinkRsaPrivateKey[" + modulusBits + " bits, <redacted>]";
    }
}
