package org.medcrypt.internal.sharing;

import java.util.List;
import org.medcrypt.internal.format.WireFormats;
import org.medcrypt.internal.keys.PairKeys;
import org.medcrypt.model.Delegation;
import org.medcrypt.model.DelegationKind;
import org.medcrypt.model.EncryptableEntity;

/**
 * What medcrypt's own code above {@code sharing} (the {@code agility} package: migration,
 * revocation) needs of a {@code DelegationService} that its public API does not offer: the same
 * pair keys, formats and value reader, so that it reads and writes exactly as the service does.
 * Reached through {@link SharingAccess}; not exported.
 */
public interface SharingInternals {

    /**
     * The field holding an entity's v2 {@code encryptedSelf} while its v1 one is kept for iCure's
     * SDK (after {@code migrate --keep-v1}). A reader that holds a v2 content key of the entity reads
     * only this copy; a reader with v1 content keys only reads {@code encryptedSelf}.
     */
    String V2_COPY_FIELD = "medcryptEncryptedSelf";

    /** The service's pair keys: its provider, owner, store, cache and trust policy. */
    PairKeys pairKeys();

    WireFormats formats();

    /** Every value of one map this owner can open, possibly none; as the service reads them. */
    List<ReadValue> read(EncryptableEntity<?> entity, DelegationKind kind);

    /**
     * Whether this owner granted {@code entry} (of the entity's {@code kind} map) itself: the entry
     * is written by this owner, opens, and opens under a pair key this owner may share under
     * (signed by it, checked with its own signing key, or an unsigned v1 key the caller trusts).
     */
    boolean grantedByMe(EncryptableEntity<?> entity, DelegationKind kind, Delegation entry);
}
