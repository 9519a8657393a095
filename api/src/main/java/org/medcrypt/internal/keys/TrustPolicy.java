package org.medcrypt.internal.keys;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the caller decided about pair keys and public keys it cannot check itself.
 *
 * @param trustUnsignedPairKeys share under v1 pair keys that carry no signature (iCure's SDK makes
 *     them) instead of creating signed ones; never applies to v2, to a key whose signature fails,
 *     nor to a key medcrypt displaced
 * @param pinnedSigningKeys party id → the Ed25519 public key (64 hex digits) to verify that party's
 *     pair keys and RSA public key with, instead of the one its (store-served) document publishes;
 *     a pinned party's unsigned pair keys are refused
 * @param requirePinned read only under pair keys signed by this owner or by a pinned key, and
 *     share only with parties whose signing key is pinned
 */
public record TrustPolicy(boolean trustUnsignedPairKeys, Map<String, String> pinnedSigningKeys, boolean requirePinned) {
    public TrustPolicy {
        pinnedSigningKeys = Map.copyOf(Objects.requireNonNull(pinnedSigningKeys, "pinnedSigningKeys"));
    }

    public static TrustPolicy defaults() {
        return new TrustPolicy(false, Map.of(), false);
    }

    public Optional<String> pinned(String partyId) {
        return Optional.ofNullable(pinnedSigningKeys.get(partyId));
    }
}
