package org.medcrypt.agility;

import java.util.List;
import java.util.stream.Stream;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.EntityType;
import org.medcrypt.model.HealthcareParty;
import org.medcrypt.store.EntityStore;

/**
 * The whole-store reads of the dataset-wide operations (audit, migration, key-update grants and
 * reports), which by nature look at every document: each closes the store's stream it reads.
 */
final class StoreScans {

    private StoreScans() {
    }

    /** Every party, in store order. */
    static List<HealthcareParty> parties(EntityStore store) {
        try (Stream<HealthcareParty> all = store.scanParties()) {
            return all.toList();
        }
    }

    /** Every entity of a type, in store order. */
    static List<EncryptableEntity<?>> entities(EntityStore store, EntityType type) {
        try (Stream<EncryptableEntity<?>> all = store.scanEntities(type)) {
            return all.toList();
        }
    }
}
