package org.medcrypt.internal.keys;

import java.util.Objects;
import java.util.Optional;
import org.medcrypt.model.HealthcareParty;

/**
 * The pair key to share with; when it was just created, the owner's party document that now
 * stores it, to be saved together with what the key encrypts, on condition that the stored
 * document is still {@link #ownerDocument()} (another thread may have created one meanwhile).
 */
public record PairKeyForSharing(PairKey key, Optional<HealthcareParty> ownerDocument,
        Optional<HealthcareParty> updatedOwner) {
    public PairKeyForSharing {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(ownerDocument, "ownerDocument");
        Objects.requireNonNull(updatedOwner, "updatedOwner");
    }

    @Override
    public String toString() {
        return "PairKeyForSharing[" + key + ", new=" + updatedOwner.isPresent() + "]";
    }
}
