package org.medcrypt.agility;

import java.util.List;
import java.util.Objects;
import org.medcrypt.keys.KeyFingerprint;

/**
 * What {@link KeyRotation#rotate} wrote: the party's new keys, the pair keys it owns that are now
 * wrapped for the new key too, and the key-update requests it left for the owners of the others.
 *
 * @param party the party that rotated
 * @param oldKey fingerprint of the RSA key that was the party's {@code publicKey}
 * @param newKey fingerprint of the new {@code publicKey}
 * @param newSigningKey the new Ed25519 signing public key (64 hex digits), now {@code medcryptSigningKey}
 * @param rewrapped pair keys the party owns, now with a copy for the new key (re-signed when signed)
 * @param requests the requests written, one per owner of pair keys with the party
 * @param skipped pair keys left as they were, with the reason (they stay readable with the old key)
 */
public record RotationResult(String party, KeyFingerprint oldKey, KeyFingerprint newKey, String newSigningKey,
        List<PairKeyRef> rewrapped, List<KeyUpdateRequest> requests, List<SkippedPairKey> skipped) {
    public RotationResult {
        Objects.requireNonNull(party, "party");
        Objects.requireNonNull(oldKey, "oldKey");
        Objects.requireNonNull(newKey, "newKey");
        Objects.requireNonNull(newSigningKey, "newSigningKey");
        rewrapped = List.copyOf(rewrapped);
        requests = List.copyOf(requests);
        skipped = List.copyOf(skipped);
    }
}
