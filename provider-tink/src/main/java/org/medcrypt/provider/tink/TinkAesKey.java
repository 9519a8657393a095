package org.medcrypt.provider.tink;

import java.lang.invoke.VarHandle;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.SecretKey;
import org.medcrypt.spi.AesKey;

/**
 * This provider's AES key handle. It owns a copy of the key bytes, which JCA gets through a
 * {@link SecretKey} that hands out checked copies of it (whole, or refused once the key is
 * destroyed), and knows which cached ciphers (the threads' and its own: {@link
 * TinkCipherCache.Slot}) it was used in.
 *
 * <p>{@link #destroy()} wipes the bytes and makes every cached cipher last initialised with the
 * key forget it. (Tink's {@code InsecureNonceAesGcmJce} is not used for that reason: it keeps a
 * {@code SecretKeySpec} copy that cannot be wiped, and runs on a per-thread cipher of Tink's that
 * nobody can clear.)
 */
final class TinkAesKey implements AesKey {

    private static final TinkCipherCache.Slot[] NO_SLOTS = {};

    private final byte[] key;
    private final int sizeInBits;
    private final WipeableSecretKey jcaKey;
    private volatile boolean destroyed;
    /** The slots whose cipher was last initialised with this key (or may be); guarded by {@code this}. */
    private volatile TinkCipherCache.Slot[] slots = NO_SLOTS;

    /** Operations through a cipher cache, counted until the key gets its own slot (racy: a hint). */
    private int uses;
    /** This key's own cipher, once it was used {@link TinkCipherCache#OWN_CIPHER_AFTER} times; null before. */
    private volatile TinkCipherCache.Slot own;

    private TinkAesKey(byte[] key) {
        this.key = key;
        this.sizeInBits = key.length * 8;
        this.jcaKey = new WipeableSecretKey(this);
    }

    static TinkAesKey of(byte[] raw) throws GeneralSecurityException {
        if (raw.length != 16 && raw.length != 24 && raw.length != 32) {
            throw new GeneralSecurityException(
                    "an AES key is 16, 24 or 32 bytes long, not " + raw.length);
        }
        return new TinkAesKey(raw.clone());
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

    /** The key for JCA engines obtained through Tink's EngineFactory. */
    SecretKey jcaKey() throws GeneralSecurityException {
        if (destroyed) {
            throw new GeneralSecurityException("the AES key was destroyed");
        }
        return jcaKey;
    }

    /**
     * Records that {@code slot}'s cipher is about to be initialised with this key. Slots that
     * moved on to another key are dropped from the record: their {@code init} replaced this key.
     */
    void usedIn(TinkCipherCache.Slot slot) {
        synchronized (this) {
            TinkCipherCache.Slot[] current = slots;
            if (current.length == 1 && current[0] == slot) {
                return; // a key kept and used again on the same thread: already recorded
            }
            int kept = 0;
            TinkCipherCache.Slot[] next = new TinkCipherCache.Slot[current.length + 1];
            for (TinkCipherCache.Slot s : current) {
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

    /**
     * This key's own cipher slot in {@code cache}, made on its {@link
     * TinkCipherCache#OWN_CIPHER_AFTER}th use; null before that, for a destroyed key, and in any
     * other cache than the first (a key used in two modes keeps the threads' ciphers for the
     * second). About 0.8 KB for a JDK cipher, freed with the key. It is recorded like any slot
     * used with the key, so that {@link #destroy()} blanks its cipher.
     */
    TinkCipherCache.Slot ownSlot(TinkCipherCache cache) {
        TinkCipherCache.Slot slot = own;
        if (slot != null) {
            return slot.cache() == cache ? slot : null;
        }
        if (destroyed || ++uses < TinkCipherCache.OWN_CIPHER_AFTER) {
            return null;
        }
        synchronized (this) {
            if (own == null && !destroyed) {
                TinkCipherCache.Slot created = cache.newOwnSlot(this);
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
        // no byte of the wipe may become visible before the flag (see WipeableSecretKey.getEncoded())
        VarHandle.fullFence();
        Arrays.fill(key, (byte) 0);
        TinkCipherCache.Slot[] used;
        synchronized (this) {
            used = slots;
            slots = NO_SLOTS;
        }
        for (TinkCipherCache.Slot slot : used) {
            slot.evict(this);
        }
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
     * A {@link SecretKey} over the handle's own buffer, which it copies for JCA on each use, so
     * that destroying the handle wipes the only long-lived copy (a {@code SecretKeySpec} would
     * keep a second one that cannot be wiped).
     */
    private static final class WipeableSecretKey implements SecretKey {
        private static final long serialVersionUID = 1L;

        private final transient TinkAesKey handle;

        WipeableSecretKey(TinkAesKey handle) {
            this.handle = handle;
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
         * A copy, as JCA expects. It holds the whole key or the call throws: a {@link
         * TinkAesKey#destroy()} on another thread may wipe the key while it is copied, and a
         * cipher initialised with a partly wiped copy would encrypt without error under a key
         * nobody has (so the checks before and after the copy: {@code StampedLock}'s optimistic
         * read).
         *
         * @throws IllegalStateException if the key was destroyed, before or during the copy
         */
        @Override
        public byte[] getEncoded() {
            if (handle.destroyed) {
                throw destroyedKey();
            }
            byte[] copy = handle.key.clone();
            // the reads of the copy happen before the re-check; destroy() raises the flag before
            // its first write, so a copy that saw any wiped byte sees the flag here
            VarHandle.acquireFence();
            if (handle.destroyed) {
                Arrays.fill(copy, (byte) 0);
                throw destroyedKey();
            }
            return copy;
        }

        private static IllegalStateException destroyedKey() {
            return new IllegalStateException("the AES key was destroyed");
        }

        @Override
        public String toString() {
            return "AES key <redacted>";
        }
    }
}
