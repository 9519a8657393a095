package org.medcrypt.provider.bouncycastle;

import java.util.concurrent.atomic.AtomicBoolean;
import org.bouncycastle.crypto.modes.CBCModeCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * One AES-CBC cipher per thread (creating a native engine costs more than decrypting a
 * delegation, and {@code init} fully resets it for each message), that forgets a key when the key
 * is destroyed.
 *
 * <p>A Bouncy Castle engine keeps the round keys of the last key it was initialised with until
 * the next {@code init}. So each thread's cipher sits in a {@link Slot} that records the key it
 * was last initialised with, and the key records the slots it was used in: {@link
 * BcAesKey#destroy()} re-initialises each such slot's cipher with a blank key, on whichever
 * thread it lives. A slot is taken for one operation with a compare-and-set, never a lock: a
 * destroy that finds the slot taken leaves the wipe to the operation, which checks the key once
 * it gives the slot back.
 */
final class BcCbcCipherCache {

    private final ThreadLocal<Slot> perThread = ThreadLocal.withInitial(Slot::new);

    /**
     * Takes this thread's slot for one operation with {@code key}; give it back with {@link
     * Slot#release()} in a {@code finally}.
     */
    Slot take(BcAesKey key) {
        Slot slot = perThread.get();
        slot.take();
        if (slot.key != key) {
            // recorded before the cipher sees the key, so that a destroy from now on finds it
            slot.key = key;
            key.usedIn(slot);
        }
        return slot;
    }

    /** A thread's cipher and the key it was last initialised with. */
    static final class Slot {

        /** Not a secret: what a cipher is left initialised with once its key is destroyed. */
        private static final byte[] BLANK = new byte[16];

        /** Taken by one operation, or by a destroy that wipes the cipher; guards {@link #cipher}. */
        private final AtomicBoolean taken = new AtomicBoolean();
        private CBCModeCipher cipher;
        /** The key {@link #cipher} was last initialised with, or null. */
        volatile BcAesKey key;

        /** The cipher, made on first use. */
        CBCModeCipher cipher() {
            CBCModeCipher c = cipher;
            if (c == null) {
                c = BcAesCbc.newCipher();
                cipher = c;
            }
            return c;
        }

        /** Forgets the cipher, after a failure left it in an unknown state. */
        void discard() {
            cipher = null;
        }

        /** Gives the slot back; wipes the cipher if its key was destroyed meanwhile. */
        void release() {
            BcAesKey used = key;
            taken.set(false);
            // a destroy that found the slot taken left the wipe to this operation
            if (used != null && used.isDestroyed()) {
                evict(used);
            }
        }

        /**
         * Re-initialises the cipher with a blank key if it was last initialised with {@code
         * destroyed}; does nothing if the slot is taken (the operation holding it wipes it on
         * release) or moved on to another key (whose {@code init} replaced the destroyed one).
         */
        void evict(BcAesKey destroyed) {
            if (key != destroyed || !taken.compareAndSet(false, true)) {
                return;
            }
            try {
                if (key == destroyed) {
                    key = null;
                    CBCModeCipher c = cipher;
                    if (c != null) {
                        try {
                            c.init(true, new ParametersWithIV(new KeyParameter(BLANK), BLANK));
                        } catch (RuntimeException e) {
                            // a cipher that refuses the blank key may still hold the destroyed one
                            cipher = null;
                        }
                    }
                }
            } finally {
                taken.set(false);
            }
        }

        private void take() {
            while (!taken.compareAndSet(false, true)) {
                // only a destroy on another thread, wiping this cipher, holds it: one init
                Thread.onSpinWait();
            }
        }
    }
}
