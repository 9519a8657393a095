package org.medcrypt.keys;

import org.medcrypt.internal.keys.CacheAccess;
import org.medcrypt.internal.keys.KeyCache;

/**
 * Unwrapped pair keys and pair-key signature verdicts, so that a reader does one RSA operation
 * and at most one signature verification per pair key, not one per entity. Thread-safe and
 * bounded: past {@link #capacity()} entries, the least recently used is dropped (and redone if
 * needed).
 *
 * <p>It counts the RSA private-key operations ({@link #rsaOperations()}, failed attempts
 * included) and signature verifications made to fill it, so that tests and benchmarks can assert
 * what the scheme needed. It remembers which wrapped copies a private key failed to open, so junk
 * in a party document costs one RSA operation, not one per read; how many copies a read may try
 * at all is bounded by {@link DocumentLimits} (at most
 * {@code delegators × DocumentLimits.MAX_COPIES_PER_PAIR × the reader's RSA keys} RSA operations
 * for one entity, whatever the documents hold).
 *
 * <p>It also remembers, within the same bound, what the small keys read under those pair keys
 * opened to (an entity's content key, secret id, parent id), keyed by the exact stored text and
 * its context, so that reading a record again costs no AES operation per small key; a remembered
 * value is used only under the same pair key, checked again on every read. It holds nothing the
 * cached pair keys do not already open.
 *
 * <p>And it keeps each content key that opened an entity made ready to decrypt (imported, or for
 * v2 derived for the value's salt), so that reading the same entity again costs no key import,
 * derivation or wipe: within the same bound, destroyed when that memo is emptied.
 *
 * <p>Share one cache between services of the same data owner and store only. Evicted pair keys
 * are not destroyed (another thread may be using them); {@link #clear()} destroys every key it
 * holds and forgets the rest: a read on another thread that was using one of them is read again
 * with keys opened afresh.
 */
public final class PairKeyCache {

    /** Default capacity: enough for a large practice's whole network of delegators. */
    public static final int DEFAULT_CAPACITY = 10_000;

    static {
        CacheAccess.register(cache -> cache.cache);
    }

    private final KeyCache cache;

    private PairKeyCache(int capacity) {
        this.cache = new KeyCache(capacity);
    }

    /** A cache of {@link #DEFAULT_CAPACITY} keys. */
    public static PairKeyCache create() {
        return withCapacity(DEFAULT_CAPACITY);
    }

    /** A cache of at most {@code capacity} keys (at least 1). */
    public static PairKeyCache withCapacity(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        return new PairKeyCache(capacity);
    }

    /** RSA private-key operations made so far for this cache, failed ones included. */
    public long rsaOperations() {
        return cache.rsaOperations();
    }

    /** Pair-key signature verifications made so far (each verdict is then cached). */
    public long signatureVerifications() {
        return cache.signatureVerifications();
    }

    /** Look-ups answered from the cache. */
    public long hits() {
        return cache.hits();
    }

    /** Look-ups that had to unwrap (or found nothing). */
    public long misses() {
        return cache.misses();
    }

    /** Unwrapped keys held now. */
    public int size() {
        return cache.size();
    }

    /** The most pair keys kept at once. */
    public int capacity() {
        return cache.capacity();
    }

    /** Drops and destroys every key, forgets every verdict and opened small key, and resets the counters. */
    public void clear() {
        cache.clear();
    }

    @Override
    public String toString() {
        return "PairKeyCache[size=" + size() + "/" + capacity() + ", rsaOperations=" + rsaOperations()
                + ", signatureVerifications=" + signatureVerifications() + ", hits=" + hits() + ", misses=" + misses() + "]";
    }
}
