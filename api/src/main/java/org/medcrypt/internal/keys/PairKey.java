package org.medcrypt.internal.keys;

import java.util.Objects;
import org.medcrypt.spi.AesKey;

/**
 * An unwrapped pair key {AB}: the AES key that encrypts every small key A shares with B, with
 * what the reader knows of its origin. Holds the provider's key handle only (the raw bytes are
 * wiped once imported); {@link #toString()} never shows the key.
 */
public final class PairKey {

    private final PairKeyId id;
    private final AesKey key;
    private final PairKeyTrust trust;

    public PairKey(PairKeyId id, AesKey key, PairKeyTrust trust) {
        this.id = Objects.requireNonNull(id, "id");
        this.key = Objects.requireNonNull(key, "key");
        this.trust = Objects.requireNonNull(trust, "trust");
    }

    public PairKeyId id() {
        return id;
    }

    public AesKey aesKey() {
        return key;
    }

    public PairKeyTrust trust() {
        return trust;
    }

    /** The same key with another trust verdict (the verdict depends on the reader, the key does not). */
    public PairKey withTrust(PairKeyTrust newTrust) {
        return newTrust == trust ? this : new PairKey(id, key, newTrust);
    }

    @Override
    public String toString() {
        return "PairKey[" + id + ", " + trust + ", key=<redacted>]";
    }
}
