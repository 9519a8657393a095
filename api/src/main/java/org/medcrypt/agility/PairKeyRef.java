package org.medcrypt.agility;

import java.util.Objects;

/**
 * Names one pair key {owner → delegate} as key rotation sees it, without any key material.
 *
 * @param owner the party that created the pair key and stores it in its document
 * @param delegate the other party of the pair (the owner itself for its own pair key)
 * @param suite {@code "v1"} or {@code "v2"}
 * @param location where the owner's document keeps it: {@code "medcryptPairKeys id=…"}, {@code
 *     "aesExchangeKeys"}, {@code "hcPartyKeys"} or {@code "displaced id=…"}
 */
public record PairKeyRef(String owner, String delegate, String suite, String location) {
    public PairKeyRef {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(delegate, "delegate");
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(location, "location");
    }

    @Override
    public String toString() {
        return "{" + owner + "→" + delegate + "} " + suite + " (" + location + ")";
    }
}
