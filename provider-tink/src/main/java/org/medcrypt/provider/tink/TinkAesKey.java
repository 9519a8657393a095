package org.medcrypt.provider.tink;

import com.google.crypto.tink.aead.internal.InsecureNonceAesGcmJce;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.SecretKey;
import org.medcrypt.spi.AesKey;

/**
 * This provider's AES key handle. It owns a copy of the key bytes and builds the Tink AES-GCM
 * object once (for 128- and 256-bit keys; Tink refuses 192-bit AES-GCM keys).
 *
 * <p>{@link #destroy()} wipes the bytes this handle owns. Tink's AES-GCM object keeps its own
 * {@code SecretKeySpec} copy, which cannot be wiped; the handle drops its reference to it.
 */
final class TinkAesKey implements AesKey {

    private final byte[] key;
    private final int sizeInBits;
    private final WipeableSecretKey jcaKey;
    /** Tink's AES-GCM for 16- and 32-byte keys, null for 24-byte keys. */
    private volatile InsecureNonceAesGcmJce tinkGcm;
    private volatile boolean destroyed;

    private TinkAesKey(byte[] key, InsecureNonceAesGcmJce tinkGcm) {
        this.key = key;
        this.sizeInBits = key.length * 8;
        this.jcaKey = new WipeableSecretKey(key);
        this.tinkGcm = tinkGcm;
    }

    static TinkAesKey of(byte[] raw) throws GeneralSecurityException {
        if (raw.length != 16 && raw.length != 24 && raw.length != 32) {
            throw new GeneralSecurityException(
                    "an AES key is 16, 24 or 32 bytes long, not " + raw.length);
        }
        byte[] copy = raw.clone();
        InsecureNonceAesGcmJce gcm = raw.length == 24 ? null : new InsecureNonceAesGcmJce(copy);
        return new TinkAesKey(copy, gcm);
    }

    static TinkAesKey from(AesKey key) throws GeneralSecurityException {
        if (!(key instanceof TinkAesKey)) {
            throw new GeneralSecurityException("the AES key was not made by the tink provider");
        }
        TinkAesKey tinkKey = (TinkAesKey) key;
        if (tinkKey.destroyed) {
            throw new GeneralSecurityException("the AES key was destroyed");
        }
        return tinkKey;
    }

    /** Tink's AES-GCM, or null for a 192-bit key (Tink supports 128 and 256 bits only). */
    InsecureNonceAesGcmJce tinkGcm() throws GeneralSecurityException {
        InsecureNonceAesGcmJce gcm = tinkGcm;
        if (destroyed) {
            throw new GeneralSecurityException("the AES key was destroyed");
        }
        return gcm;
    }

    /** The key for JCA engines obtained through Tink's EngineFactory. */
    SecretKey jcaKey() throws GeneralSecurityException {
        if (destroyed) {
            throw new GeneralSecurityException("the AES key was destroyed");
        }
        return jcaKey;
    }

    @Override
    public int sizeInBits() {
        return sizeInBits;
    }

    @Override
    public void destroy() {
        destroyed = true;
        tinkGcm = null;
        Arrays.fill(key, (byte) 0);
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public String toString() {
        return "TinkAesKey[" + sizeInBits + " bits, <redacted>]";
    }

    /**
     * A {@link SecretKey} over the handle's own buffer, so that destroying the handle wipes what
     * JCA reads (a {@code SecretKeySpec} would keep a second copy that cannot be wiped).
     */
    private static final class WipeableSecretKey implements SecretKey {
        private static final long serialVersionUID = 1L;

        private final transient byte[] key;

        WipeableSecretKey(byte[] key) {
            this.key = key;
        }

        @Override
        public String getAlgorithm() {
            return "AES";
        }

        @Override
        public String getFormat() {
            return "RAW";
        }

        @Override
        public byte[] getEncoded() {
            return key.clone();
        }

        @Override
        public String toString() {
            return "AES key <redacted>";
        }
    }
}
