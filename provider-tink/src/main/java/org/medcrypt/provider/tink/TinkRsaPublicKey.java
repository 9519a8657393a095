package org.medcrypt.provider.tink;

import java.security.GeneralSecurityException;
import java.security.interfaces.RSAPublicKey;
import org.medcrypt.spi.RsaPublicKey;

/** A parsed RSA public key (JCA key object made by Tink's {@code EngineFactory.KEY_FACTORY}). */
final class TinkRsaPublicKey implements RsaPublicKey {

    private final RSAPublicKey jcaKey;
    private final byte[] spki;
    private final int modulusBits;

    TinkRsaPublicKey(RSAPublicKey jcaKey, byte[] spki) {
        this.jcaKey = jcaKey;
        this.spki = spki;
        this.modulusBits = jcaKey.getModulus().bitLength();
    }

    static TinkRsaPublicKey from(RsaPublicKey key) throws GeneralSecurityException {
        if (!(key instanceof TinkRsaPublicKey)) {
            throw new GeneralSecurityException("the RSA public key was not made by the tink provider");
        }
        return (TinkRsaPublicKey) key;
    }

    RSAPublicKey jcaKey() {
        return jcaKey;
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
        return "TinkRsaPublicKey[" + modulusBits + " bits]";
    }
}
