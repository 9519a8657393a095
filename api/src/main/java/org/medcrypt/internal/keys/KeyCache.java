package org.medcrypt.internal.keys;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.medcrypt.keys.KeyFingerprint;

/**
 * The mutable side of {@link org.medcrypt.keys.PairKeyCache}: unwrapped keys, copies a private
 * key failed to open, and signature verdicts, each bounded (least recently used dropped first).
 * Not part of the exported API: callers outside medcrypt see only counters and {@code clear()}.
 */
public final class KeyCache {

    private final int capacity;
    private final Map<PairKeyId, PairKey> keys;
    private final Map<Object, Boolean> unopenable;
    private final Map<Object, Boolean> signatures;
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

    public int capacity() {
        return capacity;
    }

    public void clear() {
        synchronized (keys) {
            keys.values().forEach(key -> key.aesKey().destroy());
            keys.clear();
        }
        synchronized (unopenable) {
            unopenable.clear();
        }
        synchronized (signatures) {
            signatures.clear();
        }
        rsaOperations.reset();
        signatureVerifications.reset();
        hits.reset();
        misses.reset();
    }
}
