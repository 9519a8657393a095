package org.medcrypt.internal.keys;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the caller decided about pair keys it cannot check itself.
 *
 * @param trustUnsignedPairKeys share under v1 pair keys that carry no signature (iCure's SDK makes
 *     them) instead of creating signed ones; never applies to v2, nor to a key whose signature fails
 * @param pinnedSigningKeys party id → the Ed25519 public key (64 hex digits) to verify that party's
 *     pair keys with, instead of the one its (store-served) document publishes
 */
public record TrustPolicy(boolean trustUnsignedPairKeys, Map<String, String> pinnedSigningKeys) {
    public TrustPolicy {
        pinnedSigningKeys = Map.copyOf(Objects.requireNonNull(pinnedSigningKeys, "pinnedSigningKeys"));
    }

    public static TrustPolicy defaults() {
        return new TrustPolicy(false, Map.of());
    }

    public Optional<String> pinned(String partyId) {
        return Optional.ofNullable(pinnedSigningKeys.get(partyId));
    }
}
