package org.medcrypt.agility;

import java.util.List;
import java.util.Objects;

/**
 * What {@link Revocation} did. Immutable; public data only.
 *
 * @param delegate the party whose access was revoked
 * @param rekeyed entities whose entries for the delegate were removed and whose keys were renewed:
 *     a new content key, a re-encrypted {@code encryptedSelf}, a new secret id, and new entries for
 *     every remaining delegate
 * @param notShared entities the delegate had no entry in (nothing to revoke)
 * @param skipped children (with {@code cascade}) this party cannot read, so cannot re-key: the
 *     delegate keeps whatever access it has to them
 * @param relinked entities not re-keyed themselves whose {@code secretForeignKeys} now carry the
 *     new secret id of their parent instead of the old one (a clear search tag)
 * @param written whether the store was changed
 */
public record RevocationResult(String delegate, List<EntityRef> rekeyed, List<EntityRef> notShared,
        List<Skipped> skipped, List<EntityRef> relinked, boolean written) {
    public RevocationResult {
        Objects.requireNonNull(delegate, "delegate");
        rekeyed = List.copyOf(rekeyed);
        notShared = List.copyOf(notShared);
        skipped = List.copyOf(skipped);
        relinked = List.copyOf(relinked);
    }
}
