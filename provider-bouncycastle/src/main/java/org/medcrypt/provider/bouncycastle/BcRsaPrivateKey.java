package org.medcrypt.provider.bouncycastle;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Objects;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.medcrypt.spi.RsaPrivateKey;

/**
 * A parsed RSA private key (CRT form). {@link #destroy()} drops the reference to Bouncy Castle's
 * key parameters and refuses further use, but cannot wipe them: they are immutable
 * {@link java.math.BigInteger}s, which stay in memory until garbage-collected.
 */
final class BcRsaPrivateKey implements RsaPrivateKey {

    private volatile RSAPrivateCrtKeyParameters parameters;
    private final int modulusBits;

    BcRsaPrivateKey(RSAPrivateCrtKeyParameters parameters) {
        this.parameters = parameters;
        this.modulusBits = parameters.getModulus().bitLength();
    }

    /** The key parameters of a live private key made by this provider. */
    static RSAPrivateCrtKeyParameters parameters(RsaPrivateKey key) throws GeneralSecurityException {
        Objects.requireNonNull(key, "key");
        if (!(key instanceof BcRsaPrivateKey bcKey)) {
            throw new InvalidKeyException("the RSA private key was not made by the bouncycastle provider");
        }
        RSAPrivateCrtKeyParameters parameters = bcKey.parameters;
        if (parameters == null) {
            throw new InvalidKeyException("the RSA private key was destroyed");
        }
        return parameters;
    }

    @Override
    public int modulusBits() {
        return modulusBits;
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
        return "BcRsaPrivateKey[" + modulusBits + " bits, <redacted>" + (isDestroyed() ? ", destroyed" : "") + "]";
    }
}
