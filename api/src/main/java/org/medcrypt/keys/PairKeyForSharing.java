package org.medcrypt.keys;

import java.util.Objects;
import java.util.Optional;
import org.medcrypt.model.HealthcareParty;

/**
 * The pair key to share with, and, when it was just created, the owner's party document that
 * now stores it (to be saved together with what the key encrypts).
 */
public final class PairKeyForSharing {

    private final PairKey key;
    private final Optional<HealthcareParty> updatedOwner;

    PairKeyForSharing(PairKey key, Optional<HealthcareParty> updatedOwner) {
        this.key = Objects.requireNonNull(key, "key");
        this.updatedOwner = Objects.requireNonNull(updatedOwner, "updatedOwner");
    }

    public PairKey key() {
        return key;
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
