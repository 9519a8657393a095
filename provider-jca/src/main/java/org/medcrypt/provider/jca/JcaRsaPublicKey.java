package org.medcrypt.provider.jca;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import org.medcrypt.spi.RsaPublicKey;

/** A parsed RSA public key of the {@code jca} or {@code conscrypt} provider. */
final class JcaRsaPublicKey implements RsaPublicKey {

    private final String providerId;
    private final PublicKey key;
    private final int modulusBits;
    private final byte[] spki;

    JcaRsaPublicKey(String providerId, PublicKey key, int modulusBits, byte[] spki) {
        this.providerId = providerId;
        this.key = key;
        this.modulusBits = modulusBits;
        this.spki = spki;
    }

    /** Checks {@code key} was made by {@code providerId}. */
    static JcaRsaPublicKey of(RsaPublicKey key, String providerId) throws GeneralSecurityException {
        if (!(key instanceof JcaRsaPublicKey jcaKey) || !jcaKey.providerId.equals(providerId)) {
            throw new GeneralSecurityException("the RSA public key was not made by provider '" + providerId + "'");
        }
        return jcaKey;
    }

    PublicKey key() {
        return key;
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
        return "RsaPublicKey[provider=" + providerId + ", " + modulusBits + " bits]";
    }
}
