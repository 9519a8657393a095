package org.medcrypt.agility;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link Revocation} did. Immutable; public data only.
 *
 * @param delegate the party whose access was revoked
 * @param rekeyed entities whose entries for the delegate were removed and whose keys were renewed:
 *     a new content key, a re-encrypted {@code encryptedSelf}, a new secret id, and new entries for
 *     every remaining delegate
 * @param notShared entities the delegate had no entry in (nothing to revoke)
 * @param skipped children (with {@code cascade}) this party cannot read, so cannot re-key, or may not
 *     re-key (another party granted some of their delegates): the delegate keeps whatever access it
 *     has to them, and they keep the patient's old secret id
 * @param relinked entities not re-keyed themselves whose {@code secretForeignKeys} now carry the
 *     new secret id of their parent instead of the old one (a clear search tag): only children this
 *     party reads and that no removed party has an entry in
 * @param written whether the store was changed
 * @param alsoRemoved delegates removed with {@code delegate} because they had access only through it
 *     (every entry for them written by it, or by another party removed with it), each mapped to the
 *     party or parties that granted it
 * @param remaining the delegates of the re-keyed entities afterwards, this party included: each got
 *     new entries written by this party
 */
public record RevocationResult(String delegate, List<EntityRef> rekeyed, List<EntityRef> notShared,
        List<Skipped> skipped, List<EntityRef> relinked, boolean written, Map<String, String> alsoRemoved,
        List<String> remaining) {
    public RevocationResult {
        Objects.requireNonNull(delegate, "delegate");
        alsoRemoved = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(alsoRemoved));
        remaining = List.copyOf(remaining);
        rekeyed = List.copyOf(rekeyed);
        notShared = List.copyOf(notShared);
        skipped = List.copyOf(skipped);
        relinked = List.copyOf(relinked);
    }
}
