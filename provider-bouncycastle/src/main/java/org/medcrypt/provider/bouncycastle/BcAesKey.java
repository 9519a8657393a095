package org.medcrypt.provider.bouncycastle;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.crypto.params.KeyParameter;
import org.medcrypt.spi.AesKey;

/** An AES key held as a Bouncy Castle {@link KeyParameter} with its own copy of the bytes. */
final class BcAesKey implements AesKey {

    private final KeyParameter key;
    private final int sizeInBits;
    private volatile boolean destroyed;

    private BcAesKey(KeyParameter key) {
        this.key = key;
        this.sizeInBits = key.getKeyLength() * 8;
    }

    /** Copies {@code raw}; the caller may wipe it afterwards. */
    static BcAesKey of(byte[] raw) throws GeneralSecurityException {
        Objects.requireNonNull(raw, "raw");
        if (raw.length != 16 && raw.length != 24 && raw.length != 32) {
            throw new InvalidKeyException("an AES key must be 16, 24 or 32 bytes long, got " + raw.length);
        }
        return new BcAesKey(new KeyParameter(raw));
    }

    /** The usable key parameter of a key made by this provider. */
    static KeyParameter parameter(AesKey key) throws GeneralSecurityException {
        Objects.requireNonNull(key, "key");
        if (!(key instanceof BcAesKey bcKey)) {
            throw new InvalidKeyException("the AES key was not made by the bouncycastle provider");
        }
        if (bcKey.destroyed) {
            throw new InvalidKeyException("the AES key was destroyed");
        }
        return bcKey.key;
    }

    @Override
    public int sizeInBits() {
        return sizeInBits;
    }

    @Override
    public void destroy() {
        destroyed = true;
        // KeyParameter.getKey() returns its internal array, so this wipes the key itself.
        Arrays.fill(key.getKey(), (byte) 0);
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public String toString() {
        return "BcAesKey[" + sizeInBits + " bits, <redacted>" + (destroyed ? ", destroyed" : "") + "]";
    }
}
