package org.medcrypt.store;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.EntityType;
import org.medcrypt.model.HealthcareParty;

/**
 * A change to an {@link EntityStore}, applied all at once or not at all, and only if the
 * documents it was computed from are still stored at the revisions it expects (optimistic
 * concurrency): without it, two parties or threads that share at the same time would each
 * overwrite the other's delegations or pair keys. Immutable.
 *
 * <h2>Expectations</h2>
 * An expectation names a document and what must still be stored under its id:
 * <ul>
 *   <li><b>absent</b> — no such document ({@code expectEntity(type, id, Optional.empty())}: the
 *       update creates it);</li>
 *   <li><b>present at revision R</b> — the stored document's {@code rev} is R
 *       ({@code expectUnchanged(doc)} with a document read from the store, or derived from one
 *       by its {@code with…} methods, which keep the revision);</li>
 *   <li><b>present without revision</b> — what {@code expectUnchanged(doc)} means for a document
 *       that has no {@code rev}: one a store loaded as it was, from a file that keeps none
 *       ({@link InMemoryEntityStore#loaded}). Any save gives a document a revision, so this
 *       expectation fails as soon as anyone has saved the document.</li>
 * </ul>
 * Revisions are compared, never document contents.
 *
 * <h2>Saves and deletions</h2>
 * Each saved document replaces the stored one of the same id (and type), or is added. The store
 * gives it a new revision ({@link Revisions#next}); the revision it carries is only the base it
 * was derived from. An update saves a document at most once ({@link Builder#build} refuses
 * otherwise). A deletion removes a document (of a party or an entity) and its index entries;
 * deleting a document that is not stored does nothing (expect it present to insist it is). An
 * update does not both save and delete one document.
 */
public final class StoreUpdate {

    /**
     * A party id and the state the update expects of it.
     *
     * @param present whether the party must be stored
     * @param rev the revision it must be stored at (empty with {@code present}: stored without
     *     revision; always empty when not present)
     */
    public record PartyExpectation(String id, boolean present, Optional<String> rev) {
        public PartyExpectation {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(rev, "rev");
            if (!present && rev.isPresent()) {
                throw new IllegalArgumentException("an absent party has no revision");
            }
        }

        /** Whether a stored state ({@code storedPresent}, {@code storedRev}) satisfies this expectation. */
        public boolean matches(boolean storedPresent, Optional<String> storedRev) {
            return present ? storedPresent && storedRev.equals(rev) : !storedPresent;
        }

        /** Whether {@code stored} (empty: none stored) satisfies this expectation. */
        public boolean isMetBy(Optional<HealthcareParty> stored) {
            return matches(stored.isPresent(), stored.flatMap(HealthcareParty::rev));
        }
    }

    /**
     * An entity and the state the update expects of it.
     *
     * @param present whether the entity must be stored
     * @param rev the revision it must be stored at (empty with {@code present}: stored without
     *     revision; always empty when not present)
     */
    public record EntityExpectation(EntityType type, String id, boolean present, Optional<String> rev) {
        public EntityExpectation {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(rev, "rev");
            if (!present && rev.isPresent()) {
                throw new IllegalArgumentException("an absent entity has no revision");
            }
        }

        /** Whether a stored state ({@code storedPresent}, {@code storedRev}) satisfies this expectation. */
        public boolean matches(boolean storedPresent, Optional<String> storedRev) {
            return present ? storedPresent && storedRev.equals(rev) : !storedPresent;
        }

        /** Whether {@code stored} (empty: none stored) satisfies this expectation. */
        public boolean isMetBy(Optional<? extends EncryptableEntity<?>> stored) {
            return matches(stored.isPresent(), stored.flatMap(EncryptableEntity::rev));
        }
    }

    /** An entity's type and id, as a deletion names it. */
    public record EntityId(EntityType type, String id) {
        public EntityId {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(id, "id");
        }
    }

    private final List<PartyExpectation> partyExpectations;
    private final List<EntityExpectation> entityExpectations;
    private final List<HealthcareParty> parties;
    private final List<EncryptableEntity<?>> entities;
    private final List<String> partyDeletions;
    private final List<EntityId> entityDeletions;

    private StoreUpdate(Builder builder) {
        this.partyExpectations = List.copyOf(builder.partyExpectations);
        this.entityExpectations = List.copyOf(builder.entityExpectations);
        this.parties = List.copyOf(builder.parties);
        this.entities = List.copyOf(builder.entities);
        this.partyDeletions = List.copyOf(builder.partyDeletions);
        this.entityDeletions = List.copyOf(builder.entityDeletions);
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

    /** The party documents to save, each id once. */
    public List<HealthcareParty> parties() {
        return parties;
    }

    /** The entity documents to save, each type and id once. */
    public List<EncryptableEntity<?>> entities() {
        return entities;
    }

    /** The ids of the parties to delete, each once. */
    public List<String> partyDeletions() {
        return partyDeletions;
    }

    /** The entities to delete, each once. */
    public List<EntityId> entityDeletions() {
        return entityDeletions;
    }

    /** Whether the update saves and deletes nothing. */
    public boolean isEmpty() {
        return parties.isEmpty() && entities.isEmpty() && partyDeletions.isEmpty() && entityDeletions.isEmpty();
    }

    @Override
    public String toString() {
        return "StoreUpdate[expects " + (partyExpectations.size() + entityExpectations.size()) + ", saves "
                + parties.size() + " parties, " + entities.size() + " entities, deletes "
                + (partyDeletions.size() + entityDeletions.size()) + "]";
    }

    /** Collects expectations and documents to save. */
    public static final class Builder {
        private final List<PartyExpectation> partyExpectations = new ArrayList<>();
        private final List<EntityExpectation> entityExpectations = new ArrayList<>();
        private final List<HealthcareParty> parties = new ArrayList<>();
        private final List<EncryptableEntity<?>> entities = new ArrayList<>();
        private final List<String> partyDeletions = new ArrayList<>();
        private final List<EntityId> entityDeletions = new ArrayList<>();

        private Builder() {
        }

        /**
         * Applies only if party {@code id} is still stored at the revision of {@code document}
         * (present without revision if it has none), or, for an empty {@code document}, still absent.
         */
        public Builder expectParty(String id, Optional<HealthcareParty> document) {
            Objects.requireNonNull(document, "document");
            partyExpectations.add(new PartyExpectation(id, document.isPresent(), document.flatMap(HealthcareParty::rev)));
            return this;
        }

        /** Applies only if party {@code id} is stored at revision {@code rev}. */
        public Builder expectPartyRevision(String id, String rev) {
            partyExpectations.add(new PartyExpectation(id, true, Optional.of(Objects.requireNonNull(rev, "rev"))));
            return this;
        }

        /** Applies only if {@code current} is still stored at its revision (see the class comment). */
        public Builder expectUnchanged(HealthcareParty current) {
            return expectParty(current.id(), Optional.of(current));
        }

        /**
         * Applies only if this entity is still stored at the revision of {@code document}
         * (present without revision if it has none), or, for an empty {@code document}, still absent.
         */
        public Builder expectEntity(EntityType type, String id, Optional<EncryptableEntity<?>> document) {
            Objects.requireNonNull(document, "document");
            entityExpectations.add(new EntityExpectation(type, id, document.isPresent(),
                    document.flatMap(EncryptableEntity::rev)));
            return this;
        }

        /** Applies only if this entity is stored at revision {@code rev}. */
        public Builder expectRevision(EntityType type, String id, String rev) {
            entityExpectations.add(new EntityExpectation(type, id, true, Optional.of(Objects.requireNonNull(rev, "rev"))));
            return this;
        }

        /** Applies only if there is no such entity (the update creates it). */
        public Builder expectAbsent(EntityType type, String id) {
            entityExpectations.add(new EntityExpectation(type, id, false, Optional.empty()));
            return this;
        }

        /** Applies only if {@code current} is still stored at its revision (see the class comment). */
        public Builder expectUnchanged(EncryptableEntity<?> current) {
            return expectEntity(current.type(), current.id(), Optional.of(current));
        }

        /** Adds this expectation as it is (for a store that rewrites an update). */
        public Builder expect(PartyExpectation expectation) {
            partyExpectations.add(Objects.requireNonNull(expectation, "expectation"));
            return this;
        }

        /** Adds this expectation as it is (for a store that rewrites an update). */
        public Builder expect(EntityExpectation expectation) {
            entityExpectations.add(Objects.requireNonNull(expectation, "expectation"));
            return this;
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

        /** Deletes party {@code id} (nothing if it is not stored). */
        public Builder deleteParty(String id) {
            partyDeletions.add(Objects.requireNonNull(id, "id"));
            return this;
        }

        /** Deletes this entity (nothing if it is not stored). */
        public Builder delete(EntityType type, String id) {
            entityDeletions.add(new EntityId(type, id));
            return this;
        }

        /**
         * The immutable update.
         *
         * @throws IllegalArgumentException if it saves or deletes a document twice, or both saves
         *     and deletes it (which would win is not defined: merge the changes into one document)
         */
        public StoreUpdate build() {
            Set<String> seen = new HashSet<>();
            for (HealthcareParty party : parties) {
                if (!seen.add(party.id())) {
                    throw twice("healthcare party", party.id());
                }
            }
            for (String id : partyDeletions) {
                if (!seen.add(id)) {
                    throw twice("healthcare party", id);
                }
            }
            Set<EntityId> seenEntities = new HashSet<>();
            for (EncryptableEntity<?> entity : entities) {
                if (!seenEntities.add(new EntityId(entity.type(), entity.id()))) {
                    throw twice(entity.type().name().toLowerCase(java.util.Locale.ROOT), entity.id());
                }
            }
            for (EntityId entity : entityDeletions) {
                if (!seenEntities.add(entity)) {
                    throw twice(entity.type().name().toLowerCase(java.util.Locale.ROOT), entity.id());
                }
            }
            return new StoreUpdate(this);
        }

        private static IllegalArgumentException twice(String what, String id) {
            return new IllegalArgumentException("the update saves or deletes " + what + " '" + id
                    + "' more than once: make one change per document");
        }
    }
}
