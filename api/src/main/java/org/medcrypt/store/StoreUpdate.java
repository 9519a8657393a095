package org.medcrypt.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.EntityType;
import org.medcrypt.model.HealthcareParty;

/**
 * A change to an {@link EntityStore} that applies only if the documents it was computed from are
 * still the stored ones (optimistic concurrency): without it, two parties or threads that share at
 * the same time would each overwrite the other's delegations or pair keys. Immutable.
 */
public final class StoreUpdate {

    /** A party id and the document the update expects (empty: expects no such party). */
    public record PartyExpectation(String id, Optional<HealthcareParty> document) {
        public PartyExpectation {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(document, "document");
        }
    }

    /** An entity and the document the update expects (empty: expects no such entity). */
    public record EntityExpectation(EntityType type, String id, Optional<EncryptableEntity<?>> document) {
        public EntityExpectation {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(document, "document");
        }
    }

    private final List<PartyExpectation> partyExpectations;
    private final List<EntityExpectation> entityExpectations;
    private final List<HealthcareParty> parties;
    private final List<EncryptableEntity<?>> entities;

    private StoreUpdate(Builder builder) {
        this.partyExpectations = List.copyOf(builder.partyExpectations);
        this.entityExpectations = List.copyOf(builder.entityExpectations);
        this.parties = List.copyOf(builder.parties);
        this.entities = List.copyOf(builder.entities);
    }

    /** A builder for an empty update. */
    public static Builder builder() {
        return new Builder();
    }

    /** The parties that must still be as expected. */
    public List<PartyExpectation> partyExpectations() {
        return partyExpectations;
    }

    /** The entities that must still be as expected. */
    public List<EntityExpectation> entityExpectations() {
        return entityExpectations;
    }

    /** The party documents to save. */
    public List<HealthcareParty> parties() {
        return parties;
    }

    /** The entity documents to save. */
    public List<EncryptableEntity<?>> entities() {
        return entities;
    }

    /** Whether the update saves nothing. */
    public boolean isEmpty() {
        return parties.isEmpty() && entities.isEmpty();
    }

    /** Collects expectations and documents to save. */
    public static final class Builder {
        private final List<PartyExpectation> partyExpectations = new ArrayList<>();
        private final List<EntityExpectation> entityExpectations = new ArrayList<>();
        private final List<HealthcareParty> parties = new ArrayList<>();
        private final List<EncryptableEntity<?>> entities = new ArrayList<>();

        private Builder() {
        }

        /** Applies only if party {@code id} is still {@code document} (or still absent). */
        public Builder expectParty(String id, Optional<HealthcareParty> document) {
            partyExpectations.add(new PartyExpectation(id, document));
            return this;
        }

        /** Applies only if this entity is still {@code document} (or still absent). */
        public Builder expectEntity(EntityType type, String id, Optional<EncryptableEntity<?>> document) {
            entityExpectations.add(new EntityExpectation(type, id, document));
            return this;
        }

        /** Applies only if {@code current} is still the stored version of itself. */
        public Builder expectUnchanged(EncryptableEntity<?> current) {
            return expectEntity(current.type(), current.id(), Optional.of(current));
        }

        /** Saves this party document (replacing one with the same id). */
        public Builder save(HealthcareParty party) {
            parties.add(Objects.requireNonNull(party, "party"));
            return this;
        }

        /** Saves this entity document (replacing one of the same type and id). */
        public Builder save(EncryptableEntity<?> entity) {
            entities.add(Objects.requireNonNull(entity, "entity"));
            return this;
        }

        /** Saves each of these entity documents. */
        public Builder saveAll(List<? extends EncryptableEntity<?>> all) {
            all.forEach(this::save);
            return this;
        }

        /** The immutable update. */
        public StoreUpdate build() {
            return new StoreUpdate(this);
        }
    }
}
