package org.medcrypt.model;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One pair key recorded in a party's {@code medcryptPairKeys} (a field iCure's SDK ignores):
 * what medcrypt signs about a pair key it created, or a v1 pair key it moved out of iCure's slots.
 * Holds only wrapped (RSA-encrypted) keys and public data, so a record is fine.
 *
 * @param suite {@code "v1"} (the key is also in iCure's slots) or {@code "v2"}
 * @param id a random id the v2 values name; for v1, informative only
 * @param ownerKey fingerprint of the owner's RSA key the key is wrapped for in {@code forOwner}
 * @param delegateKey fingerprint of the delegate's RSA key the key is wrapped for in {@code forDelegate}
 * @param forOwner the pair key wrapped for the owner
 * @param forDelegate the pair key wrapped for the delegate
 * @param signature the owner's signature, absent for a displaced key
 * @param displacedCopies for a v1 key medcrypt moved out of iCure's slots (it was not signed and
 *     a signed key took its place): fingerprint → wrapped copy, and the {@code hcPartyKeys} pair
 *     under the pseudo-fingerprints {@code "hcPartyKeys[0]"} and {@code "hcPartyKeys[1]"}
 */
public record PairKeyEntry(String suite, String id, String ownerKey, String delegateKey, String forOwner,
        String forDelegate, Optional<String> signature, Map<String, String> displacedCopies) {

    public PairKeyEntry {
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(ownerKey, "ownerKey");
        Objects.requireNonNull(delegateKey, "delegateKey");
        Objects.requireNonNull(forOwner, "forOwner");
        Objects.requireNonNull(forDelegate, "forDelegate");
        Objects.requireNonNull(signature, "signature");
        displacedCopies = Map.copyOf(displacedCopies);
    }

    /** True for a v1 key medcrypt moved out of iCure's slots. */
    public boolean isDisplaced() {
        return !displacedCopies.isEmpty();
    }
}
