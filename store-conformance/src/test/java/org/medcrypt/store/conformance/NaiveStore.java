package org.medcrypt.store.conformance;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.medcrypt.json.Dataset;
import org.medcrypt.keys.KeyFingerprint;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.EntityType;
import org.medcrypt.model.HealthcareParty;
import org.medcrypt.store.EntityStore;
import org.medcrypt.store.Revisions;
import org.medcrypt.store.StoreIndexes;
import org.medcrypt.store.StoreUpdate;
import org.medcrypt.store.UpdateResult;

/**
 * A second, deliberately simple store for the kit's own tests: maps and brute-force look-ups
 * under one lock. Without a {@link Flaw} it passes the kit (so the kit does not depend on
 * {@code InMemoryEntityStore}'s particulars); each flaw is a mistake a real store could make.
 */
final class NaiveStore implements EntityStore {

    /** Mistakes the kit must catch. */
    enum Flaw {
        NONE,
        /** Saves without checking any expectation. */
        IGNORES_EXPECTATIONS,
        /** Checks and saves one document at a time: what comes before a conflict lands. */
        NOT_ATOMIC,
        /** Checks expectations, lets go of the lock, then saves: concurrent writers overwrite each other. */
        NOT_ISOLATED,
        /** Keeps the revision a saved document carries instead of giving it a new one. */
        KEEPS_SUBMITTED_REVISION,
        /** Keeps only the fields medcrypt knows. */
        DROPS_UNKNOWN_FIELDS,
        /** Finds a delegate only in {@code delegations}, not in the two other maps. */
        SHARED_WITH_ONLY_IN_DELEGATIONS,
        /** Keeps answering look-ups with the keys a replaced document had. */
        STALE_INDEX
    }

    private final Flaw flaw;
    private final Object lock = new Object();
    /** NOT_ISOLATED: writers between their check and their save. */
    private final java.util.concurrent.atomic.AtomicInteger checkedNotSaved = new java.util.concurrent.atomic.AtomicInteger();
    private final Map<String, HealthcareParty> parties = new LinkedHashMap<>();
    private final Map<EntityType, Map<String, EncryptableEntity<?>>> entities = new LinkedHashMap<>();
    private final Map<EntityType, Map<String, List<EncryptableEntity<?>>>> history = new LinkedHashMap<>();

    NaiveStore(Flaw flaw) {
        this.flaw = flaw;
        for (EntityType type : EntityType.values()) {
            entities.put(type, new LinkedHashMap<>());
            history.put(type, new LinkedHashMap<>());
        }
    }

    @Override
    public Optional<HealthcareParty> party(String id) {
        synchronized (lock) {
            return Optional.ofNullable(parties.get(id));
        }
    }

    @Override
    public Map<String, HealthcareParty> parties(java.util.Collection<String> ids) {
        synchronized (lock) {
            Map<String, HealthcareParty> found = new LinkedHashMap<>();
            ids.forEach(id -> Optional.ofNullable(parties.get(id)).ifPresent(party -> found.put(id, party)));
            return found;
        }
    }

    @Override
    public Map<String, EncryptableEntity<?>> entities(EntityType type, java.util.Collection<String> ids) {
        synchronized (lock) {
            Map<String, EncryptableEntity<?>> found = new LinkedHashMap<>();
            ids.forEach(id -> Optional.ofNullable(entities.get(type).get(id)).ifPresent(entity -> found.put(id, entity)));
            return found;
        }
    }

    @Override
    public List<HealthcareParty> partiesByKeyFingerprint(KeyFingerprint fingerprint) {
        synchronized (lock) {
            return parties.values().stream()
                    .filter(party -> StoreIndexes.partyFingerprints(party).contains(fingerprint.value())).toList();
        }
    }

    @Override
    public List<HealthcareParty> pairKeyOwnersFor(String delegateId) {
        synchronized (lock) {
            return parties.values().stream()
                    .filter(party -> StoreIndexes.pairKeyDelegates(party).contains(delegateId)).toList();
        }
    }

    @Override
    public Stream<HealthcareParty> scanParties() {
        synchronized (lock) {
            return List.copyOf(parties.values()).stream();
        }
    }

    @Override
    public Optional<EncryptableEntity<?>> entity(EntityType type, String id) {
        synchronized (lock) {
            return Optional.ofNullable(entities.get(type).get(id));
        }
    }

    @Override
    public List<EncryptableEntity<?>> bySecretForeignKey(EntityType type, String secretForeignKey) {
        synchronized (lock) {
            return matching(type, entity -> entity.secretForeignKeys().contains(secretForeignKey));
        }
    }

    @Override
    public Stream<EncryptableEntity<?>> sharedWith(EntityType type, String delegateId) {
        synchronized (lock) {
            return matching(type, entity -> flaw == Flaw.SHARED_WITH_ONLY_IN_DELEGATIONS
                    ? entity.delegations().containsKey(delegateId)
                    : StoreIndexes.entityDelegates(entity).contains(delegateId)).stream();
        }
    }

    private List<EncryptableEntity<?>> matching(EntityType type, java.util.function.Predicate<EncryptableEntity<?>> test) {
        List<EncryptableEntity<?>> found = new ArrayList<>();
        for (Map.Entry<String, EncryptableEntity<?>> stored : entities.get(type).entrySet()) {
            List<EncryptableEntity<?>> versions = flaw == Flaw.STALE_INDEX
                    ? history.get(type).getOrDefault(stored.getKey(), List.of()) : List.of(stored.getValue());
            if (versions.stream().anyMatch(test)) {
                found.add(stored.getValue());
            }
        }
        return found;
    }

    @Override
    public Stream<EncryptableEntity<?>> scanEntities(EntityType type) {
        synchronized (lock) {
            return List.copyOf(entities.get(type).values()).stream();
        }
    }

    @Override
    public UpdateResult apply(StoreUpdate update) {
        if (flaw == Flaw.NOT_ATOMIC) {
            return applyOneByOne(update);
        }
        List<UpdateResult.Conflict> conflicts;
        synchronized (lock) {
            conflicts = flaw == Flaw.IGNORES_EXPECTATIONS ? List.of() : conflicts(update);
            if (!conflicts.isEmpty()) {
                return UpdateResult.conflict(conflicts);
            }
            if (flaw != Flaw.NOT_ISOLATED) {
                return save(update);
            }
        }
        // checked, lock let go, not yet saved: wait (a little) for another writer to check the same
        // revision meanwhile, so that the race the flaw allows happens whatever the machine's load
        // (a fixed sleep let a loaded machine run the writers one after the other: a flaky kit test)
        int between = checkedNotSaved.incrementAndGet();
        try {
            long deadline = System.nanoTime() + 50_000_000L;
            while (between < 2 && checkedNotSaved.get() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            synchronized (lock) {
                return save(update);
            }
        } finally {
            checkedNotSaved.decrementAndGet();
        }
    }

    private UpdateResult applyOneByOne(StoreUpdate update) {
        List<HealthcareParty> savedParties = new ArrayList<>();
        List<EncryptableEntity<?>> savedEntities = new ArrayList<>();
        for (EncryptableEntity<?> entity : update.entities()) {
            StoreUpdate.Builder one = StoreUpdate.builder().save(entity);
            update.entityExpectations().stream()
                    .filter(expected -> expected.type() == entity.type() && expected.id().equals(entity.id()))
                    .forEach(one::expect);
            synchronized (lock) {
                StoreUpdate single = one.build();
                List<UpdateResult.Conflict> conflicts = conflicts(single);
                if (!conflicts.isEmpty()) {
                    return UpdateResult.conflict(conflicts);
                }
                savedEntities.addAll(save(single).entities());
            }
        }
        synchronized (lock) {
            StoreUpdate.Builder rest = StoreUpdate.builder();
            update.partyExpectations().forEach(rest::expect);
            update.parties().forEach(rest::save);
            update.partyDeletions().forEach(rest::deleteParty);
            update.entityDeletions().forEach(id -> rest.delete(id.type(), id.id()));
            StoreUpdate last = rest.build();
            List<UpdateResult.Conflict> conflicts = conflicts(last);
            if (!conflicts.isEmpty()) {
                return UpdateResult.conflict(conflicts);
            }
            savedParties.addAll(save(last).parties());
        }
        return UpdateResult.applied(savedParties, savedEntities);
    }

    private List<UpdateResult.Conflict> conflicts(StoreUpdate update) {
        List<UpdateResult.Conflict> conflicts = new ArrayList<>();
        for (StoreUpdate.PartyExpectation expected : update.partyExpectations()) {
            if (!expected.isMetBy(Optional.ofNullable(parties.get(expected.id())))) {
                conflicts.add(UpdateResult.Conflict.party(expected.id()));
            }
        }
        for (StoreUpdate.EntityExpectation expected : update.entityExpectations()) {
            if (!expected.isMetBy(Optional.ofNullable(entities.get(expected.type()).get(expected.id())))) {
                conflicts.add(UpdateResult.Conflict.entity(expected.type(), expected.id()));
            }
        }
        return conflicts;
    }

    private UpdateResult save(StoreUpdate update) {
        List<HealthcareParty> savedParties = new ArrayList<>();
        for (HealthcareParty party : update.parties()) {
            HealthcareParty saved = party.withRev(revision(Optional.ofNullable(parties.get(party.id())).flatMap(HealthcareParty::rev),
                    party.rev()));
            parties.put(party.id(), saved);
            savedParties.add(saved);
        }
        List<EncryptableEntity<?>> savedEntities = new ArrayList<>();
        for (EncryptableEntity<?> entity : update.entities()) {
            EncryptableEntity<?> kept = flaw == Flaw.DROPS_UNKNOWN_FIELDS ? knownFieldsOnly(entity) : entity;
            EncryptableEntity<?> saved = kept.withRev(revision(
                    Optional.ofNullable(entities.get(entity.type()).get(entity.id())).flatMap(EncryptableEntity::rev), entity.rev()));
            entities.get(entity.type()).put(entity.id(), saved);
            history.get(entity.type()).computeIfAbsent(entity.id(), id -> new ArrayList<>()).add(saved);
            savedEntities.add(saved);
        }
        update.partyDeletions().forEach(parties::remove);
        update.entityDeletions().forEach(id -> {
            entities.get(id.type()).remove(id.id());
            history.get(id.type()).remove(id.id());
        });
        return UpdateResult.applied(savedParties, savedEntities);
    }

    private String revision(Optional<String> stored, Optional<String> submitted) {
        if (flaw == Flaw.KEEPS_SUBMITTED_REVISION && submitted.isPresent()) {
            return submitted.get();
        }
        return Revisions.next(stored, submitted);
    }

    private static EncryptableEntity<?> knownFieldsOnly(EncryptableEntity<?> entity) {
        ObjectNode document = entity.toJson();
        document.retain("id", "rev", "secretForeignKeys", "delegations", "encryptionKeys", "cryptedForeignKeys", "encryptedSelf",
                "counter", "touchedBy");
        return Dataset.entity(entity.type(), document);
    }
}
