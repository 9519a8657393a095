package org.medcrypt.provider.jca;

import java.security.GeneralSecurityException;
import org.medcrypt.spi.AesKey;

/** The AES key handle of the {@code jca} and {@code conscrypt} providers. */
final class JcaAesKey implements AesKey {

    private final String providerId;
    private final AesSecretKey secretKey;

    /** Copies {@code raw}; the caller checked its length. */
    JcaAesKey(String providerId, byte[] raw) {
        this.providerId = providerId;
        this.secretKey = new AesSecretKey(raw.clone());
    }

    /** The key for {@code Cipher.init}, after checking it belongs to {@code providerId} and lives. */
    static AesSecretKey secretKeyOf(AesKey key, String providerId) throws GeneralSecurityException {
        if (!(key instanceof JcaAesKey jcaKey) || !jcaKey.providerId.equals(providerId)) {
            throw new GeneralSecurityException("the AES key was not made by provider '" + providerId + "'");
        }
        if (jcaKey.secretKey.isDestroyed()) {
            throw new GeneralSecurityException("the AES key was destroyed");
        }
        return jcaKey.secretKey;
    }

    @Override
    public int sizeInBits() {
        return secretKey.length() * 8;
    }

    @Override
    public void destroy() {
        secretKey.destroy();
    }

    @Override
    public boolean isDestroyed() {
        return secretKey.isDestroyed();
    }

    @Override
    public String toString() {
        return "AesKey[provider=" + providerId + ", " + sizeInBits() + " bits, <redacted>"
                + (isDestroyed() ? ", destroyed" : "") + "]";
    }
}
