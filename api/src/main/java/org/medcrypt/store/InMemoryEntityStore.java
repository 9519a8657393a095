package org.medcrypt.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Stream;
import org.medcrypt.keys.KeyFingerprint;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.EntityType;
import org.medcrypt.model.HealthcareParty;

/**
 * An {@link EntityStore} in memory, with every index of the contract: secret foreign key,
 * delegate, key fingerprint, pair-key delegate. Thread-safe; {@link #apply} is atomic and
 * isolated (one write lock); reads see either all of an update or none of it. Look-ups return
 * copies of what they found; scans stream a snapshot taken when they start.
 */
public final class InMemoryEntityStore implements EntityStore {

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, HealthcareParty> parties = new LinkedHashMap<>();
    private final Map<String, Long> partyOrder = new HashMap<>();
    private long partiesEverSaved;
    private final Map<String, Set<String>> partiesByFingerprint = new HashMap<>();
    private final Map<String, Set<String>> pairKeyOwners = new HashMap<>();
    private final Map<EntityType, Map<String, EncryptableEntity<?>>> entities = new EnumMap<>(EntityType.class);
    private final Map<EntityType, Map<String, Set<String>>> bySecretForeignKey = new EnumMap<>(EntityType.class);
    private final Map<EntityType, Map<String, Set<String>>> byDelegate = new EnumMap<>(EntityType.class);

    /** An empty store. */
    public InMemoryEntityStore() {
        for (EntityType type : EntityType.values()) {
            entities.put(type, new LinkedHashMap<>());
            bySecretForeignKey.put(type, new HashMap<>());
            byDelegate.put(type, new HashMap<>());
        }
    }

    /**
     * A store holding these documents exactly as they are: their revisions kept, and none given to
     * a document without one (so a dataset file read into it and written back changes only where
     * something was saved). For loading a file; later saves give revisions as usual. A repeated id
     * keeps the last document.
     */
    public static InMemoryEntityStore loaded(Collection<HealthcareParty> parties,
            Collection<? extends EncryptableEntity<?>> entities) {
        InMemoryEntityStore store = new InMemoryEntityStore();
        parties.forEach(party -> store.putParty(Objects.requireNonNull(party, "party")));
        entities.forEach(entity -> store.putEntity(Objects.requireNonNull(entity, "entity")));
        return store;
    }

    @Override
    public Optional<HealthcareParty> party(String id) {
        Objects.requireNonNull(id, "id");
        lock.readLock().lock();
        try {
            return Optional.ofNullable(parties.get(id));
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public Map<String, HealthcareParty> parties(Collection<String> ids) {
        lock.readLock().lock();
        try {
            Map<String, HealthcareParty> found = new LinkedHashMap<>();
            for (String id : ids) {
                HealthcareParty party = parties.get(Objects.requireNonNull(id, "id"));
                if (party != null) {
                    found.put(id, party);
                }
            }
            return found;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public List<HealthcareParty> partiesByKeyFingerprint(KeyFingerprint fingerprint) {
        Objects.requireNonNull(fingerprint, "fingerprint");
        return partiesIn(partiesByFingerprint, fingerprint.value());
    }

    @Override
    public List<HealthcareParty> pairKeyOwnersFor(String delegateId) {
        Objects.requireNonNull(delegateId, "delegateId");
        return partiesIn(pairKeyOwners, delegateId);
    }

    private List<HealthcareParty> partiesIn(Map<String, Set<String>> index, String key) {
        lock.readLock().lock();
        try {
            Set<String> ids = index.getOrDefault(key, Set.of());
            List<HealthcareParty> found = new ArrayList<>(ids.size());
            ids.forEach(id -> found.add(parties.get(id)));
            // the order the parties were first saved in, as a scan would give them: deterministic output
            found.sort(java.util.Comparator.comparing(party -> partyOrder.get(party.id())));
            return found;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public Stream<HealthcareParty> scanParties() {
        lock.readLock().lock();
        try {
            return List.copyOf(parties.values()).stream();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public Optional<EncryptableEntity<?>> entity(EntityType type, String id) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        lock.readLock().lock();
        try {
            return Optional.ofNullable(entities.get(type).get(id));
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public Map<String, EncryptableEntity<?>> entities(EntityType type, Collection<String> ids) {
        Objects.requireNonNull(type, "type");
        lock.readLock().lock();
        try {
            Map<String, EncryptableEntity<?>> stored = entities.get(type);
            Map<String, EncryptableEntity<?>> found = new LinkedHashMap<>();
            for (String id : ids) {
                EncryptableEntity<?> entity = stored.get(Objects.requireNonNull(id, "id"));
                if (entity != null) {
                    found.put(id, entity);
                }
            }
            return found;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public List<EncryptableEntity<?>> bySecretForeignKey(EntityType type, String secretForeignKey) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(secretForeignKey, "secretForeignKey");
        return entitiesIn(type, bySecretForeignKey.get(type), secretForeignKey);
    }

    @Override
    public boolean hasSecretForeignKey(EntityType type, String secretForeignKey) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(secretForeignKey, "secretForeignKey");
        lock.readLock().lock();
        try {
            return bySecretForeignKey.get(type).containsKey(secretForeignKey);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public Stream<EncryptableEntity<?>> sharedWith(EntityType type, String delegateId) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(delegateId, "delegateId");
        return entitiesIn(type, byDelegate.get(type), delegateId).stream();
    }

    private List<EncryptableEntity<?>> entitiesIn(EntityType type, Map<String, Set<String>> index, String key) {
        lock.readLock().lock();
        try {
            Set<String> ids = index.getOrDefault(key, Set.of());
            List<EncryptableEntity<?>> found = new ArrayList<>(ids.size());
            Map<String, EncryptableEntity<?>> stored = entities.get(type);
            ids.forEach(id -> found.add(stored.get(id)));
            return found;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public Stream<EncryptableEntity<?>> scanEntities(EntityType type) {
        Objects.requireNonNull(type, "type");
        lock.readLock().lock();
        try {
            return List.copyOf(entities.get(type).values()).stream();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public UpdateResult apply(StoreUpdate update) {
        Objects.requireNonNull(update, "update");
        lock.writeLock().lock();
        try {
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
            if (!conflicts.isEmpty()) {
                return UpdateResult.conflict(conflicts);
            }
            // every new document is made before the first is stored: nothing below can fail half-way
            List<HealthcareParty> savedParties = new ArrayList<>(update.parties().size());
            for (HealthcareParty party : update.parties()) {
                HealthcareParty stored = parties.get(party.id());
                savedParties.add(party.withRev(Revisions.next(
                        Optional.ofNullable(stored).flatMap(HealthcareParty::rev), party.rev())));
            }
            List<EncryptableEntity<?>> savedEntities = new ArrayList<>(update.entities().size());
            for (EncryptableEntity<?> entity : update.entities()) {
                EncryptableEntity<?> stored = entities.get(entity.type()).get(entity.id());
                savedEntities.add(entity.withRev(Revisions.next(
                        Optional.ofNullable(stored).flatMap(EncryptableEntity::rev), entity.rev())));
            }
            savedParties.forEach(this::putParty);
            savedEntities.forEach(this::putEntity);
            update.partyDeletions().forEach(this::removeParty);
            update.entityDeletions().forEach(entity -> removeEntity(entity.type(), entity.id()));
            return UpdateResult.applied(savedParties, savedEntities);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Stores (adds or replaces) a party and keeps its indexes; the caller holds the write lock or owns the store. */
    private void putParty(HealthcareParty party) {
        HealthcareParty previous = parties.put(party.id(), party);
        if (partyOrder.putIfAbsent(party.id(), partiesEverSaved) == null) {
            partiesEverSaved++;
        }
        reindex(partiesByFingerprint, previous == null ? Set.of() : StoreIndexes.partyFingerprints(previous),
                StoreIndexes.partyFingerprints(party), party.id());
        reindex(pairKeyOwners, previous == null ? Set.of() : StoreIndexes.pairKeyDelegates(previous),
                StoreIndexes.pairKeyDelegates(party), party.id());
    }

    /** Stores (adds or replaces) an entity and keeps its indexes; the caller holds the write lock or owns the store. */
    private void putEntity(EncryptableEntity<?> entity) {
        EncryptableEntity<?> previous = entities.get(entity.type()).put(entity.id(), entity);
        reindex(bySecretForeignKey.get(entity.type()),
                previous == null ? Set.of() : StoreIndexes.secretForeignKeys(previous),
                StoreIndexes.secretForeignKeys(entity), entity.id());
        reindex(byDelegate.get(entity.type()), previous == null ? Set.of() : StoreIndexes.entityDelegates(previous),
                StoreIndexes.entityDelegates(entity), entity.id());
    }

    private void removeParty(String id) {
        HealthcareParty previous = parties.remove(id);
        if (previous != null) {
            partyOrder.remove(id);
            reindex(partiesByFingerprint, StoreIndexes.partyFingerprints(previous), Set.of(), id);
            reindex(pairKeyOwners, StoreIndexes.pairKeyDelegates(previous), Set.of(), id);
        }
    }

    private void removeEntity(EntityType type, String id) {
        EncryptableEntity<?> previous = entities.get(type).remove(id);
        if (previous != null) {
            reindex(bySecretForeignKey.get(type), StoreIndexes.secretForeignKeys(previous), Set.of(), id);
            reindex(byDelegate.get(type), StoreIndexes.entityDelegates(previous), Set.of(), id);
        }
    }

    /** Files {@code id} under the keys it has now and no longer under those it lost (a kept key keeps its place). */
    private static void reindex(Map<String, Set<String>> index, Set<String> before, Set<String> after, String id) {
        for (String key : before) {
            if (!after.contains(key)) {
                Set<String> ids = index.get(key);
                if (ids != null && ids.remove(id) && ids.isEmpty()) {
                    index.remove(key);
                }
            }
        }
        for (String key : after) {
            if (!before.contains(key)) {
                index.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(id);
            }
        }
    }

    @Override
    public String toString() {
        lock.readLock().lock();
        try {
            StringBuilder out = new StringBuilder("InMemoryEntityStore[parties=").append(parties.size());
            entities.forEach((type, map) -> out.append(", ").append(type.collection()).append('=').append(map.size()));
            return out.append(']').toString();
        } finally {
            lock.readLock().unlock();
        }
    }
}
