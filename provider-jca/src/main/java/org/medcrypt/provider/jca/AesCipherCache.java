package org.medcrypt.provider.jca;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;

/**
 * One AES {@link Cipher} per thread (and one of its own for each key in use again, see {@link
 * #take}) for one transformation of one provider ({@code Cipher}
 * objects are not thread-safe, and {@code Cipher.getInstance} costs more than a small message's
 * encryption), that forgets a key when the key is destroyed.
 *
 * <p>A JCA cipher keeps the last key it was initialised with (SunJCE and Conscrypt keep a copy
 * of its bytes, every provider its round keys) until the next {@code init}. So each thread's
 * cipher sits in a {@link Slot} that records the key it was last initialised with, and the key
 * records the slots it was used in: {@link AesSecretKey#destroy()} re-initialises each such slot's
 * cipher with a blank key, on whichever thread it lives. A slot is taken for one operation with a
 * compare-and-set, never a lock: a destroy that finds the slot taken leaves the wipe to the
 * operation, which checks the key once it gives the slot back.
 */
final class AesCipherCache {

    private final String transformation;
    private final Provider provider;
    private final boolean gcm;
    private final ThreadLocal<Slot> perThread = ThreadLocal.withInitial(() -> new Slot(this));

    AesCipherCache(String transformation, Provider provider) {
        this.transformation = transformation;
        this.provider = provider;
        this.gcm = transformation.equals(JcaEngine.GCM);
    }

    /**
     * Takes a slot for one operation with {@code key}: the key's own, if it has one and no other
     * operation holds it, else this thread's; give it back with {@link
     * Slot#release()} in a {@code finally}.
     */
    Slot take(AesSecretKey key) {
        // a key in use again (a kept content or pair key) has a cipher of its own, which keeps its
        // key schedule (and GCM's hash key) from one operation to the next, where the thread's
        // cipher, shared by every key, re-derives them on each change of key; another thread
        // using the key at the same moment takes its own thread's cipher, as before
        Slot own = key.ownSlot(this);
        if (own != null && own.tryTake()) {
            if (own.key == key) {
                return own;
            }
            own.taken.set(false); // blanked by a destroy meanwhile: the init below fails as it should
        }
        Slot slot = perThread.get();
        slot.take();
        if (slot.key != key) {
            // recorded before the cipher sees the key, so that a destroy from now on finds it
            slot.key = key;
            key.usedIn(slot);
        }
        return slot;
    }

    Provider provider() {
        return provider;
    }

    /** E.g. {@code "SunJCE AES/GCM/NoPadding"}. */
    String describe() {
        return provider.getName() + " " + transformation;
    }

    /**
     * How many operations a key goes through a cache before it gets a cipher of its own: a key
     * used once (imported, used, destroyed) never costs one.
     */
    static final int OWN_CIPHER_AFTER = 2;

    /** A slot for one key's own cipher (see {@link AesSecretKey#ownSlot}). */
    Slot newOwnSlot(AesSecretKey key) {
        Slot slot = new Slot(this);
        slot.key = key;
        return slot;
    }

    /** A thread's (or one key's own) cipher and the key it was last initialised with. */
    static final class Slot {

        /** Not a secret: what a cipher is left initialised with once its key is destroyed. */
        private static final AesSecretKey BLANK = new AesSecretKey(new byte[16]);

        private final AesCipherCache cache;
        /** Taken by one operation, or by a destroy that wipes the cipher; guards {@link #cipher}. */
        private final AtomicBoolean taken = new AtomicBoolean();
        private Cipher cipher;
        /** GCM nonces for the blank key: JCA's GCM refuses one key and nonce twice in a row. */
        private long blankNonces;
        /** The key {@link #cipher} was last initialised with, or null. */
        volatile AesSecretKey key;

        private Slot(AesCipherCache cache) {
            this.cache = cache;
        }

        /** The cipher, made on first use. */
        Cipher cipher() throws GeneralSecurityException {
            Cipher c = cipher;
            return c != null ? c : fresh();
        }

        /** A new cipher that replaces this slot's one. */
        Cipher fresh() throws GeneralSecurityException {
            cipher = Cipher.getInstance(cache.transformation, cache.provider);
            return cipher;
        }

        /** Forgets the cipher, after a failure left it in an unknown state. */
        void discard() {
            cipher = null;
        }

        /** Gives the slot back; wipes the cipher if its key was destroyed meanwhile. */
        void release() {
            AesSecretKey used = key;
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
        void evict(AesSecretKey destroyed) {
            if (key != destroyed || !taken.compareAndSet(false, true)) {
                return;
            }
            try {
                if (key == destroyed) {
                    key = null;
                    blank();
                }
            } finally {
                taken.set(false);
            }
        }

        /** Takes the slot if no operation holds it. */
        boolean tryTake() {
            return taken.compareAndSet(false, true);
        }

        /** The cache this slot's cipher belongs to. */
        AesCipherCache cache() {
            return cache;
        }

        private void take() {
            while (!taken.compareAndSet(false, true)) {
                // only a destroy on another thread, wiping this cipher, holds it: one init
                Thread.onSpinWait();
            }
        }

        private void blank() {
            Cipher c = cipher;
            if (c == null) {
                return;
            }
            try {
                if (cache.gcm) {
                    byte[] nonce = new byte[12];
                    long n = ++blankNonces;
                    for (int i = 0; i < 8; i++) {
                        nonce[11 - i] = (byte) (n >>> (8 * i));
                    }
                    // encrypt mode: a JCA GCM cipher remembers the last key it encrypted with
                    c.init(Cipher.ENCRYPT_MODE, BLANK, new GCMParameterSpec(128, nonce));
                } else {
                    c.init(Cipher.ENCRYPT_MODE, BLANK, new IvParameterSpec(new byte[16]));
                }
            } catch (GeneralSecurityException | RuntimeException e) {
                // a cipher that refuses the blank key may still hold the destroyed one: drop it
                cipher = null;
            }
        }
    }
}
