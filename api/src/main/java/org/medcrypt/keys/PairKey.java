package org.medcrypt.keys;

import java.util.Objects;
import org.medcrypt.spi.AesKey;

/**
 * An unwrapped pair key {AB}: the AES key that encrypts every small key A shares with B. Holds
 * the provider's key handle only (the raw bytes are wiped once imported); {@link #toString()}
 * never shows the key.
 */
public final class PairKey {

    private final PairKeyId id;
    private final AesKey key;

    PairKey(PairKeyId id, AesKey key) {
        this.id = Objects.requireNonNull(id, "id");
        this.key = Objects.requireNonNull(key, "key");
    }

    public PairKeyId id() {
        return id;
    }

    /** The provider handle, for the sharing code. */
    public AesKey aesKey() {
        return key;
    }

    @Override
    public String toString() {
        return "PairKey[" + id.owner() + "→" + id.delegate() + ", ownerKey=" + id.ownerKey() + ", key=<redacted>]";
    }
}
