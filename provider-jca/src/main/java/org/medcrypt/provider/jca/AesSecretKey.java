package org.medcrypt.provider.jca;

import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import javax.crypto.SecretKey;

/**
 * The JCA view of an AES key that this module owns and can wipe. A {@link
 * javax.crypto.spec.SecretKeySpec} would keep a second copy of the key that cannot be wiped on
 * Java 17 (its {@code clear()} is package-private), so the handle gives JCA this key instead: JCA
 * ciphers only need {@code getAlgorithm()}, {@code getFormat()} and {@code getEncoded()}.
 *
 * <p>The key also knows which cached ciphers (the threads' and its own: {@link
 * AesCipherCache.Slot}) it was used in, so that {@link #destroy()} can make them forget it.
 */
final class AesSecretKey implements SecretKey {

    private static final AesCipherCache.Slot[] NO_SLOTS = {};

    private final byte[] key;
    private volatile boolean destroyed;
    /** The slots whose cipher was last initialised with this key (or may be); guarded by {@code this}. */
    private volatile AesCipherCache.Slot[] slots = NO_SLOTS;

    /** Operations through a cipher cache, counted until the key gets its own slot (racy: a hint). */
    private int uses;
    /** This key's own cipher, once it was used {@link AesCipherCache#OWN_CIPHER_AFTER} times; null before. */
    private volatile AesCipherCache.Slot own;

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

    /**
     * A copy, as JCA expects; the cipher wipes or drops it. It holds the whole key or the call
     * throws: a {@link #destroy()} on another thread may wipe the key while it is copied, and a
     * cipher initialised with a partly wiped copy would encrypt without error under a key nobody
     * has (so the checks before and after the copy: {@code StampedLock}'s optimistic read).
     *
     * @throws IllegalStateException if the key was destroyed, before or during the copy
     */
    @Override
    public byte[] getEncoded() {
        if (destroyed) {
            throw destroyedKey();
        }
        byte[] copy = key.clone();
        // the reads of the copy happen before the re-check; destroy() raises the flag before
        // its first write, so a copy that saw any wiped byte sees the flag here
        VarHandle.acquireFence();
        if (destroyed) {
            Arrays.fill(copy, (byte) 0);
            throw destroyedKey();
        }
        return copy;
    }

    private static IllegalStateException destroyedKey() {
        return new IllegalStateException("the AES key was destroyed");
    }

    int length() {
        return key.length;
    }

    /**
     * Records that {@code slot}'s cipher is about to be initialised with this key. Slots that
     * moved on to another key are dropped from the record: their {@code init} replaced this key.
     */
    void usedIn(AesCipherCache.Slot slot) {
        synchronized (this) {
            AesCipherCache.Slot[] current = slots;
            if (current.length == 1 && current[0] == slot) {
                return; // a key kept and used again on the same thread: already recorded
            }
            int kept = 0;
            AesCipherCache.Slot[] next = new AesCipherCache.Slot[current.length + 1];
            for (AesCipherCache.Slot s : current) {
                if (s != slot && s.key == this) {
                    next[kept++] = s;
                }
            }
            next[kept++] = slot;
            slots = kept == next.length ? next : Arrays.copyOf(next, kept);
        }
    }

    /**
     * This key's own cipher slot in {@code cache}, made on its {@link
     * AesCipherCache#OWN_CIPHER_AFTER}th use; null before that, for a destroyed key, and in any
     * other cache than the first (a key used in two modes keeps the threads' ciphers for the
     * second). About 0.8 KB for a JDK cipher, freed with the key. It is recorded like any slot
     * used with the key, so that {@link #destroy()} blanks its cipher.
     */
    AesCipherCache.Slot ownSlot(AesCipherCache cache) {
        AesCipherCache.Slot slot = own;
        if (slot != null) {
            return slot.cache() == cache ? slot : null;
        }
        if (destroyed || ++uses < AesCipherCache.OWN_CIPHER_AFTER) {
            return null;
        }
        synchronized (this) {
            if (own == null && !destroyed) {
                AesCipherCache.Slot created = cache.newOwnSlot(this);
                usedIn(created);
                own = created;
            }
            slot = own;
        }
        return slot != null && slot.cache() == cache ? slot : null;
    }

    /** Wipes the key, and makes every cached cipher last initialised with it forget it. */
    @Override
    public void destroy() {
        destroyed = true;
        // no byte of the wipe may become visible before the flag (see getEncoded())
        VarHandle.fullFence();
        Arrays.fill(key, (byte) 0);
        AesCipherCache.Slot[] used;
        synchronized (this) {
            used = slots;
            slots = NO_SLOTS;
        }
        for (AesCipherCache.Slot slot : used) {
            slot.evict(this);
        }
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
