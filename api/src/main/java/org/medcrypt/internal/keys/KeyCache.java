package org.medcrypt.internal.keys;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.medcrypt.keys.KeyFingerprint;

/**
 * The mutable side of {@link org.medcrypt.keys.PairKeyCache}: unwrapped keys, copies a private
 * key failed to open, signature verdicts and a memo of opened small keys, each bounded (least
 * recently used dropped first; the memo of small keys is emptied when full). Not part of the exported API: callers outside medcrypt see only
 * counters and {@code clear()}.
 *
 * <p><b>The small-key memo.</b> Opening a record reads the same small keys again and again (v1
 * reads a child's parent id twice per opening; every opening reads them all again), and each is
 * an AES operation with a key switch, which costs the JDK a key schedule. The memo maps the exact
 * inputs of one small-key decryption — the value's text, its role and its whole context (entity
 * type and id, owner, delegate) — to what it opened to and the id of the pair key that opened it.
 * It holds nothing new for an attacker who can read this process's memory: every entry is what
 * a pair key held in this same cache opens from public data (the stored value), and that pair key
 * opens all of them, present and future. It lives and dies with the pair keys (same bound, same
 * {@link #clear()}). A hit is used only if the reader would decrypt the very same text in the same
 * context under the same pair key (same id, so the same key material), whose trust is checked
 * again on every read: the result is the one the decryption gives, as AES-GCM, AES-CBC and the
 * checks after them are deterministic. Failures are not memoised.
 *
 * <p><b>The content-key memo.</b> Likewise, each content key that opened an entity's {@code
 * encryptedSelf} is kept made ready ({@link ContentKey}: v1's key imported, v2's derived with
 * HKDF for the value's salt), keyed by the entity, the content key and what it was made for, so
 * that reading the same entity again costs no import, derivation or key wipe. Only keys that
 * passed the content-key rule and opened the data are kept; the memo holds the same secret as the
 * small-key memo that opened them, and its keys are destroyed when it is emptied (when full, and
 * on {@link #clear()}). A kept key destroyed while another thread uses it fails that use, which
 * then makes a fresh key.
 */
public final class KeyCache {

    private final int capacity;
    private final Map<PairKeyId, PairKey> keys;
    private final Map<Object, Boolean> unopenable;
    private final Map<Object, Boolean> signatures;
    // read on every small key of a record: a concurrent map (no lock, no LRU relinking per read),
    // bounded by being emptied when full (a memo: what it forgets is recomputed on demand)
    private final Map<Object, OpenedSmallKey> openedSmallKeys = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Object, ContentKey> contentKeys = new ConcurrentHashMap<>();
    // bumped by clear(): lets holders of an opened key (PairKeys' per-document memo) see it went
    private volatile long generation;
    private final LongAdder rsaOperations = new LongAdder();
    private final LongAdder signatureVerifications = new LongAdder();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    public KeyCache(int capacity) {
        this.capacity = capacity;
        this.keys = lru();
        this.unopenable = lru();
        this.signatures = lru();
    }

    private <K, V> Map<K, V> lru() {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    public Optional<PairKey> get(PairKeyId id) {
        PairKey key;
        synchronized (keys) {
            key = keys.get(id);
        }
        (key == null ? misses : hits).increment();
        return Optional.ofNullable(key);
    }

    public void put(PairKey key) {
        synchronized (keys) {
            keys.put(key.id(), key);
        }
    }

    public void markUnopenable(PairKeyId id, KeyFingerprint privateKey) {
        synchronized (unopenable) {
            unopenable.put(List.of(id, privateKey), Boolean.TRUE);
        }
    }

    public boolean isUnopenable(PairKeyId id, KeyFingerprint privateKey) {
        synchronized (unopenable) {
            return unopenable.containsKey(List.of(id, privateKey));
        }
    }

    /** A verdict recorded for {@code (message, signature, signer)}, if any. */
    public Optional<Boolean> signatureVerdict(Object key) {
        synchronized (signatures) {
            return Optional.ofNullable(signatures.get(key));
        }
    }

    public void recordSignatureVerdict(Object key, boolean valid) {
        signatureVerifications.increment();
        synchronized (signatures) {
            signatures.put(key, valid);
        }
    }

    /** What the small-key read {@code read} (its text, role and context) opened to before, if memoised. */
    public Optional<OpenedSmallKey> openedSmallKey(Object read) {
        return Optional.ofNullable(openedSmallKeys.get(read));
    }

    public void rememberOpenedSmallKey(Object read, OpenedSmallKey opened) {
        if (openedSmallKeys.size() >= capacity) {
            openedSmallKeys.clear();
        }
        openedSmallKeys.put(read, opened);
    }

    /** The content key kept for {@code read} (entity, content key, what it was made for), if any. */
    public ContentKey contentKey(Object read) {
        return contentKeys.get(read);
    }

    /**
     * Keeps {@code key} for {@code read}, unless one is kept already: then {@code key} is destroyed
     * and the kept one is returned. When full, the memo is emptied first, its keys destroyed.
     */
    public ContentKey rememberContentKey(Object read, ContentKey key) {
        if (contentKeys.size() >= capacity) {
            destroyContentKeys();
        }
        ContentKey kept = contentKeys.putIfAbsent(read, key);
        if (kept != null) {
            key.destroy();
            return kept;
        }
        return key;
    }

    /** Content keys kept now. */
    public int contentKeys() {
        return contentKeys.size();
    }

    private void destroyContentKeys() {
        for (Object read : contentKeys.keySet()) {
            ContentKey removed = contentKeys.remove(read);
            if (removed != null) {
                removed.destroy();
            }
        }
    }

    /** Opened small keys memoised now. */
    public int openedSmallKeys() {
        return openedSmallKeys.size();
    }

    public void recordRsaOperation() {
        rsaOperations.increment();
    }

    public long rsaOperations() {
        return rsaOperations.sum();
    }

    public long signatureVerifications() {
        return signatureVerifications.sum();
    }

    public long hits() {
        return hits.sum();
    }

    public long misses() {
        return misses.sum();
    }

    public int size() {
        synchronized (keys) {
            return keys.size();
        }
    }

    /** Changes on every {@link #clear()}: a key opened before it is destroyed. */
    public long generation() {
        return generation;
    }

    public int capacity() {
        return capacity;
    }

    public void clear() {
        synchronized (keys) {
            // first: a use that fails on a key destroyed below must already see the new generation,
            // or it takes the failure for its own instead of starting again with a fresh key
            generation++;
            keys.values().forEach(key -> key.aesKey().destroy());
            keys.clear();
        }
        synchronized (unopenable) {
            unopenable.clear();
        }
        synchronized (signatures) {
            signatures.clear();
        }
        openedSmallKeys.clear();
        destroyContentKeys();
        rsaOperations.reset();
        signatureVerifications.reset();
        hits.reset();
        misses.reset();
    }
}
