package org.medcrypt.keys;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * Unwrapped pair keys, so that a reader does one RSA operation per delegator and not one per
 * entity. Thread-safe and bounded: past {@link #capacity()} entries, the least recently used key
 * is dropped (and will be unwrapped again if needed).
 *
 * <p>It also counts the RSA private-key operations made to fill it ({@link #rsaOperations()}),
 * failed attempts included, so that tests and benchmarks can assert how many the scheme needed,
 * and remembers which wrapped copies a private key failed to open, so that junk in a party
 * document costs one RSA operation, not one per read.
 *
 * <p>Evicted keys are not destroyed, because another thread may be using them; {@link #clear()}
 * destroys every key it holds.
 */
public final class PairKeyCache {

    /** Default capacity: enough for a large practice's whole network of delegators. */
    public static final int DEFAULT_CAPACITY = 10_000;

    private final int capacity;
    private final LinkedHashMap<PairKeyId, PairKey> keys;
    private final LinkedHashMap<Object, Boolean> unopenable;
    private final LongAdder rsaOperations = new LongAdder();
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    private PairKeyCache(int capacity) {
        this.capacity = capacity;
        this.keys = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<PairKeyId, PairKey> eldest) {
                return size() > PairKeyCache.this.capacity;
            }
        };
        this.unopenable = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, Boolean> eldest) {
                return size() > PairKeyCache.this.capacity;
            }
        };
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

    /** Records that the private key {@code privateKey} does not open the wrapped copy {@code id}. */
    public void markUnopenable(PairKeyId id, KeyFingerprint privateKey) {
        synchronized (unopenable) {
            unopenable.put(java.util.List.of(id, privateKey), Boolean.TRUE);
        }
    }

    /** Whether {@link #markUnopenable} was recorded (and not yet evicted) for this pair. */
    public boolean isUnopenable(PairKeyId id, KeyFingerprint privateKey) {
        synchronized (unopenable) {
            return unopenable.containsKey(java.util.List.of(id, privateKey));
        }
    }

    /** Called by whoever performs an RSA decryption to fill the cache. */
    public void recordRsaOperation() {
        rsaOperations.increment();
    }

    /** RSA private-key operations made so far for this cache. */
    public long rsaOperations() {
        return rsaOperations.sum();
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

    public int capacity() {
        return capacity;
    }

    /** Drops and destroys every key, and resets the counters. */
    public void clear() {
        synchronized (keys) {
            keys.values().forEach(key -> key.aesKey().destroy());
            keys.clear();
        }
        synchronized (unopenable) {
            unopenable.clear();
        }
        rsaOperations.reset();
        hits.reset();
        misses.reset();
    }

    @Override
    public String toString() {
        return "PairKeyCache[size=" + size() + "/" + capacity + ", rsaOperations=" + rsaOperations()
                + ", hits=" + hits() + ", misses=" + misses() + "]";
    }
}
