package org.medcrypt.provider.jca;

import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import javax.crypto.SecretKey;

/**
 * The JCA view of an HMAC-SHA-256 key (an HKDF salt or pseudorandom key) that this module owns
 * and can wipe, for the same reason as {@link AesSecretKey}: a {@link
 * javax.crypto.spec.SecretKeySpec} keeps a copy that Java 17 cannot wipe, and refuses the empty
 * key besides.
 */
final class HmacSha256Key implements SecretKey {

    private final byte[] key;
    private volatile boolean destroyed;

    /** Takes ownership of {@code key}. */
    HmacSha256Key(byte[] key) {
        this.key = key;
    }

    @Override
    public String getAlgorithm() {
        return JcaEngine.HMAC_SHA256;
    }

    @Override
    public String getFormat() {
        return "RAW";
    }

    /** A copy, as JCA expects; the Mac wipes or drops it. */
    @Override
    public byte[] getEncoded() {
        if (destroyed) {
            throw new IllegalStateException("the HMAC key was destroyed");
        }
        return key.clone();
    }

    @Override
    public void destroy() {
        destroyed = true;
        Arrays.fill(key, (byte) 0);
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public String toString() {
        return "HmacSha256Key[<redacted>]";
    }

    private void writeObject(ObjectOutputStream out) throws NotSerializableException {
        throw new NotSerializableException("HMAC keys of medcrypt are not serializable");
    }
}
