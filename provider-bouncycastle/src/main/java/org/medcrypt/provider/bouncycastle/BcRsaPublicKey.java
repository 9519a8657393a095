package org.medcrypt.provider.bouncycastle;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Objects;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.medcrypt.spi.RsaPublicKey;

/** A parsed RSA public key: Bouncy Castle's parameters plus its canonical SubjectPublicKeyInfo. */
final class BcRsaPublicKey implements RsaPublicKey {

    private final RSAKeyParameters parameters;
    private final byte[] spki;
    private final int modulusBits;

    BcRsaPublicKey(RSAKeyParameters parameters, byte[] spki) {
        this.parameters = parameters;
        this.spki = spki;
        this.modulusBits = parameters.getModulus().bitLength();
    }

    static BcRsaPublicKey cast(RsaPublicKey key) throws GeneralSecurityException {
        Objects.requireNonNull(key, "key");
        if (!(key instanceof BcRsaPublicKey bcKey)) {
            throw new InvalidKeyException("the RSA public key was not made by the bouncycastle provider");
        }
        return bcKey;
    }

    RSAKeyParameters parameters() {
        return parameters;
    }

    @Override
    public int modulusBits() {
        return modulusBits;
    }

    @Override
    public byte[] spki() {
        return spki.clone();
    }

    @Override
    public String toString() {
        return "BcRsaPublicKey[" + modulusBits + " bits]";
    }
}
