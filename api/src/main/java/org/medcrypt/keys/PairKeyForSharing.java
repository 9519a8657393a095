package org.medcrypt.keys;

import java.util.Objects;
import java.util.Optional;
import org.medcrypt.model.HealthcareParty;

/**
 * The pair key to share with; when it was just created, the owner's party document that now
 * stores it, to be saved together with what the key encrypts, on condition that the stored
 * document is still {@link #ownerDocument()} (another thread may have created one meanwhile).
 */
public final class PairKeyForSharing {

    private final PairKey key;
    private final Optional<HealthcareParty> ownerDocument;
    private final Optional<HealthcareParty> updatedOwner;

    PairKeyForSharing(PairKey key, Optional<HealthcareParty> ownerDocument, Optional<HealthcareParty> updatedOwner) {
        this.key = Objects.requireNonNull(key, "key");
        this.ownerDocument = Objects.requireNonNull(ownerDocument, "ownerDocument");
        this.updatedOwner = Objects.requireNonNull(updatedOwner, "updatedOwner");
    }

    public PairKey key() {
        return key;
    }

    /** The owner's party document as read when the key was chosen. */
    public Optional<HealthcareParty> ownerDocument() {
        return ownerDocument;
    }

    /** Present when the key is new: the owner document to save. */
    public Optional<HealthcareParty> updatedOwner() {
        return updatedOwner;
    }

    @Override
    public String toString() {
        return "PairKeyForSharing[" + key + ", new=" + updatedOwner.isPresent() + "]";
    }
}
