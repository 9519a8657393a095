package org.medcrypt.store;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.EntityType;
import org.medcrypt.model.HealthcareParty;

/**
 * What {@link EntityStore#apply} did: either the update landed, and here are the saved documents
 * with the revisions the store gave them (chain the next update on them), or an expectation
 * failed, nothing changed, and here is which documents had changed. Immutable.
 */
public final class UpdateResult {

    /** The collection name of healthcare parties in {@link Conflict#collection()} (as in a dataset file). */
    public static final String PARTIES = "healthcareParties";

    /**
     * A document whose stored state was not the one the update expected.
     *
     * @param collection {@value #PARTIES}, or the {@link EntityType#collection()} of the entity's type
     * @param id the document's id
     */
    public record Conflict(String collection, String id) {
        public Conflict {
            Objects.requireNonNull(collection, "collection");
            Objects.requireNonNull(id, "id");
        }

        /** A conflict on a party. */
        public static Conflict party(String id) {
            return new Conflict(PARTIES, id);
        }

        /** A conflict on an entity. */
        public static Conflict entity(EntityType type, String id) {
            return new Conflict(type.collection(), id);
        }

        @Override
        public String toString() {
            return collection + "/" + id;
        }
    }

    private final List<Conflict> conflicts;
    private final List<HealthcareParty> parties;
    private final List<EncryptableEntity<?>> entities;
    private final java.util.Map<List<Object>, EncryptableEntity<?>> entityIndex = new java.util.HashMap<>();

    private UpdateResult(List<Conflict> conflicts, List<HealthcareParty> parties, List<EncryptableEntity<?>> entities) {
        this.conflicts = List.copyOf(conflicts);
        this.parties = List.copyOf(parties);
        this.entities = List.copyOf(entities);
        this.entities.forEach(entity -> entityIndex.put(List.of(entity.type(), entity.id()), entity));
    }

    /** The update landed; {@code parties} and {@code entities} are the documents as saved, in the update's order. */
    public static UpdateResult applied(List<HealthcareParty> parties, List<? extends EncryptableEntity<?>> entities) {
        return new UpdateResult(List.of(), parties, List.copyOf(entities));
    }

    /**
     * Nothing changed because these documents were not as expected.
     *
     * @throws IllegalArgumentException if {@code conflicts} is empty
     */
    public static UpdateResult conflict(List<Conflict> conflicts) {
        if (conflicts.isEmpty()) {
            throw new IllegalArgumentException("a conflict names at least one document");
        }
        return new UpdateResult(conflicts, List.of(), List.of());
    }

    /** Whether the update landed (every expectation held, every document saved). */
    public boolean applied() {
        return conflicts.isEmpty();
    }

    /** The documents that were not as expected; empty if the update landed. Not every conflict need be listed, at least one is. */
    public List<Conflict> conflicts() {
        return conflicts;
    }

    /** The saved party documents, with their new revisions; empty on conflict. */
    public List<HealthcareParty> parties() {
        return parties;
    }

    /** The saved entity documents, with their new revisions; empty on conflict. */
    public List<EncryptableEntity<?>> entities() {
        return entities;
    }

    /** The saved version of party {@code id}, if this update saved it. */
    public Optional<HealthcareParty> party(String id) {
        return parties.stream().filter(party -> party.id().equals(id)).findFirst();
    }

    /** The saved version of this entity, if this update saved it. */
    public Optional<EncryptableEntity<?>> entity(EntityType type, String id) {
        return Optional.ofNullable(entityIndex.get(List.of(type, id)));
    }

    /**
     * The saved version of {@code submitted} (same type and id, with its new revision), or
     * {@code submitted} itself if this update did not save it.
     */
    @SuppressWarnings("unchecked")
    public <T extends EncryptableEntity<T>> T saved(T submitted) {
        return (T) entity(submitted.type(), submitted.id()).orElse(submitted);
    }

    /** The saved version of {@code submitted}, or {@code submitted} itself if this update did not save it. */
    public HealthcareParty saved(HealthcareParty submitted) {
        return party(submitted.id()).orElse(submitted);
    }

    @Override
    public String toString() {
        return applied() ? "UpdateResult[applied: " + parties.size() + " parties, " + entities.size() + " entities]"
                : "UpdateResult[conflict: " + conflicts + "]";
    }
}
