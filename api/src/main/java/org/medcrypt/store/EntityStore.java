package org.medcrypt.store;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.EntityType;
import org.medcrypt.model.HealthcareParty;
import org.medcrypt.model.Patient;

/**
 * Where healthcare parties and encrypted entities live. medcrypt reads parties from it to find
 * public keys and pair keys, and writes back what sharing changes.
 *
 * <p>Implementations must apply {@link #apply} atomically: check every expectation and save
 * everything, or save nothing.
 */
public interface EntityStore {

    /** The party with this id, if stored. */
    Optional<HealthcareParty> party(String id);

    /** All parties, in insertion order. */
    List<HealthcareParty> parties();

    /** The entity of this type and id, if stored. */
    Optional<EncryptableEntity<?>> entity(EntityType type, String id);

    /** All entities of a type, in insertion order. */
    List<EncryptableEntity<?>> entities(EntityType type);

    /** Entities of {@code type} whose {@code secretForeignKeys} contain {@code secretForeignKey}. */
    List<EncryptableEntity<?>> bySecretForeignKey(EntityType type, String secretForeignKey);

    /**
     * Saves the update's documents if, and only if, every document it expects is still the
     * stored one (compared with {@code equals}); atomically.
     *
     * @return false, having changed nothing, if an expectation failed
     */
    boolean apply(StoreUpdate update);

    /** Adds or replaces parties and entities, all at once, unconditionally. */
    default void saveAll(Collection<HealthcareParty> parties, Collection<? extends EncryptableEntity<?>> entities) {
        StoreUpdate.Builder update = StoreUpdate.builder();
        parties.forEach(update::save);
        entities.forEach(update::save);
        apply(update.build());
    }

    /** The patient with this id, if stored. */
    default Optional<Patient> patient(String id) {
        return entity(EntityType.PATIENT, id).map(Patient.class::cast);
    }

    /** Adds or replaces one party, unconditionally. */
    default void saveParty(HealthcareParty party) {
        saveAll(List.of(party), List.of());
    }

    /** Adds or replaces one entity, unconditionally. */
    default void save(EncryptableEntity<?> entity) {
        saveAll(List.of(), List.of(entity));
    }
}
