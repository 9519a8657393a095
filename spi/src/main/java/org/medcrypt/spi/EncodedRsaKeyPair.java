package org.medcrypt.spi;

import java.util.Arrays;
import java.util.Objects;
import javax.security.auth.Destroyable;

/**
 * A freshly generated RSA key pair in standard encodings: SubjectPublicKeyInfo (DER) and
 * PKCS#8 (DER). The holder owns the private bytes: {@link #destroy()} wipes them.
 */
public final class EncodedRsaKeyPair implements Destroyable {

    private final byte[] spki;
    private final byte[] pkcs8;
    private volatile boolean destroyed;

    private EncodedRsaKeyPair(byte[] spki, byte[] pkcs8) {
        this.spki = spki;
        this.pkcs8 = pkcs8;
    }

    /** Copies both arrays. */
    public static EncodedRsaKeyPair of(byte[] spki, byte[] pkcs8) {
        Objects.requireNonNull(spki, "spki");
        Objects.requireNonNull(pkcs8, "pkcs8");
        return new EncodedRsaKeyPair(spki.clone(), pkcs8.clone());
    }

    /** SubjectPublicKeyInfo (DER); a fresh copy. */
    public byte[] spki() {
        return spki.clone();
    }

    /** PKCS#8 (DER); a fresh copy the caller owns. */
    public byte[] pkcs8() {
        if (destroyed) {
            throw new IllegalStateException("the key pair was destroyed");
        }
        return pkcs8.clone();
    }

    @Override
    public void destroy() {
        destroyed = true;
        Arrays.fill(pkcs8, (byte) 0);
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public String toString() {
        return "EncodedRsaKeyPair[spki=" + spki.length + " bytes, pkcs8=<redacted>]";
    }
}
