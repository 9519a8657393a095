package org.medcrypt.provider.bouncycastle;

import java.lang.invoke.VarHandle;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.crypto.params.KeyParameter;
import org.medcrypt.spi.AesKey;

/**
 * An AES key held as a Bouncy Castle {@link KeyParameter} with its own copy of the bytes. It knows
 * which per-thread AES-CBC ciphers ({@link BcCbcCipherCache.Slot}) it was used in, so that {@link
 * #destroy()} can make them forget it (AES-GCM makes a cipher per call).
 */
final class BcAesKey implements AesKey {

    private static final BcCbcCipherCache.Slot[] NO_SLOTS = {};

    private final KeyParameter key;
    private final int sizeInBits;
    private volatile boolean destroyed;
    /** The slots whose cipher was last initialised with this key (or may be); guarded by {@code this}. */
    private volatile BcCbcCipherCache.Slot[] slots = NO_SLOTS;

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

    /** A key made by this provider and not destroyed. */
    static BcAesKey live(AesKey key) throws GeneralSecurityException {
        Objects.requireNonNull(key, "key");
        if (!(key instanceof BcAesKey bcKey)) {
            throw new InvalidKeyException("the AES key was not made by the bouncycastle provider");
        }
        if (bcKey.destroyed) {
            throw destroyedKey();
        }
        return bcKey;
    }

    /**
     * A copy of the key for one operation, which the caller wipes once the cipher has its key
     * schedule ({@link #wipe}). Never the key's own array: Bouncy Castle reads the bytes
     * during {@code init}, and a {@link #destroy()} on another thread wiping them meanwhile would
     * leave the cipher a partly wiped key, under which it encrypts without error and which nobody
     * has. The copy holds the whole key or the call throws (the checks before and after it:
     * {@code StampedLock}'s optimistic read).
     *
     * @throws InvalidKeyException if the key was destroyed, before or during the copy
     */
    KeyParameter parameter() throws InvalidKeyException {
        if (destroyed) {
            throw destroyedKey();
        }
        KeyParameter copy = new KeyParameter(key.getKey());
        // the reads of the copy happen before the re-check; destroy() raises the flag before its
        // first write, so a copy that saw any wiped byte sees the flag here
        VarHandle.acquireFence();
        if (destroyed) {
            Arrays.fill(copy.getKey(), (byte) 0);
            throw destroyedKey();
        }
        return copy;
    }

    /** Wipes a copy from {@link #parameter()} once the cipher has its key schedule. */
    static void wipe(KeyParameter copy) {
        // getKey() returns the parameter's own array
        Arrays.fill(copy.getKey(), (byte) 0);
    }

    private static InvalidKeyException destroyedKey() {
        return new InvalidKeyException("the AES key was destroyed");
    }

    /**
     * Records that {@code slot}'s cipher is about to be initialised with this key. Slots that
     * moved on to another key are dropped from the record: their {@code init} replaced this key.
     */
    void usedIn(BcCbcCipherCache.Slot slot) {
        synchronized (this) {
            BcCbcCipherCache.Slot[] current = slots;
            if (current.length == 1 && current[0] == slot) {
                return; // a key kept and used again on the same thread: already recorded
            }
            int kept = 0;
            BcCbcCipherCache.Slot[] next = new BcCbcCipherCache.Slot[current.length + 1];
            for (BcCbcCipherCache.Slot s : current) {
                if (s != slot && s.key == this) {
                    next[kept++] = s;
                }
            }
            next[kept++] = slot;
            slots = kept == next.length ? next : Arrays.copyOf(next, kept);
        }
    }

    @Override
    public int sizeInBits() {
        return sizeInBits;
    }

    /** Wipes the key, and makes every cached cipher last initialised with it forget it. */
    @Override
    public void destroy() {
        destroyed = true;
        // no byte of the wipe may become visible before the flag (see parameter())
        VarHandle.fullFence();
        // KeyParameter.getKey() returns its internal array, so this wipes the key itself.
        Arrays.fill(key.getKey(), (byte) 0);
        BcCbcCipherCache.Slot[] used;
        synchronized (this) {
            used = slots;
            slots = NO_SLOTS;
        }
        for (BcCbcCipherCache.Slot slot : used) {
            slot.evict(this);
        }
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
