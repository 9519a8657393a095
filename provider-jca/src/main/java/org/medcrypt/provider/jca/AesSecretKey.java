package org.medcrypt.provider.jca;

import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import javax.crypto.SecretKey;

/**
 * The JCA view of an AES key that this module owns and can wipe. A {@link
 * javax.crypto.spec.SecretKeySpec} would keep a second copy of the key that cannot be wiped on
 * Java 17 (its {@code clear()} is package-private), so the handle gives JCA this key instead: JCA
 * ciphers only need {@code getAlgorithm()}, {@code getFormat()} and {@code getEncoded()}.
 */
final class AesSecretKey implements SecretKey {

    private final byte[] key;
    private volatile boolean destroyed;

    /** Takes ownership of {@code key}. */
    AesSecretKey(byte[] key) {
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

    /** A copy, as JCA expects; the cipher wipes or drops it. */
    @Override
    public byte[] getEncoded() {
        if (destroyed) {
            throw new IllegalStateException("the AES key was destroyed");
        }
        return key.clone();
    }

    int length() {
        return key.length;
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
        return "AesSecretKey[" + key.length * 8 + " bits, <redacted>]";
    }

    private void writeObject(ObjectOutputStream out) throws NotSerializableException {
        throw new NotSerializableException("AES keys of medcrypt are not serializable");
    }
}
