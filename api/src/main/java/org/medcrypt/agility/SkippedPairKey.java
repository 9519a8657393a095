package org.medcrypt.agility;

import java.util.Objects;

/** A pair key an operation left as it was, and why (no key material in the reason). */
public record SkippedPairKey(PairKeyRef pairKey, String reason) {
    public SkippedPairKey {
        Objects.requireNonNull(pairKey, "pairKey");
        Objects.requireNonNull(reason, "reason");
    }
}
