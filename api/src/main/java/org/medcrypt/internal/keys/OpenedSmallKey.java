package org.medcrypt.internal.keys;

import java.util.Objects;

/**
 * What one small key (a delegation value) opened to, and the pair key that opened it: an entry of
 * the {@link KeyCache}'s memo. Holds an opened value, which may be a content key:
 * {@link #toString()} never shows it.
 */
public final class OpenedSmallKey {

    private final PairKeyId pairKey;
    private final String value;

    public OpenedSmallKey(PairKeyId pairKey, String value) {
        this.pairKey = Objects.requireNonNull(pairKey, "pairKey");
        this.value = Objects.requireNonNull(value, "value");
    }

    /** The pair key it was opened with. */
    public PairKeyId pairKey() {
        return pairKey;
    }

    /** The opened value. */
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return "OpenedSmallKey[" + pairKey + ", value=<redacted>]";
    }
}
