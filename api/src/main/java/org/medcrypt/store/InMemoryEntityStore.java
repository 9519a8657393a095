package org.medcrypt.store;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.EntityType;
import org.medcrypt.model.HealthcareParty;

/**
 * An {@link EntityStore} in memory, indexed by secret foreign key so that "the contacts of this
 * patient" is a lookup, not a scan. Thread-safe; {@link #apply} is atomic (one write lock).
 */
public final class InMemoryEntityStore implements EntityStore {

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, HealthcareParty> parties = new LinkedHashMap<>();
    private final Map<EntityType, Map<String, EncryptableEntity<?>>> entities = new EnumMap<>(EntityType.class);
    private final Map<EntityType, Map<String, Set<String>>> bySecretForeignKey = new EnumMap<>(EntityType.class);

    /** An empty store. */
    public InMemoryEntityStore() {
        for (EntityType type : EntityType.values()) {
            entities.put(type, new LinkedHashMap<>());
            bySecretForeignKey.put(type, new HashMap<>());
        }
    }

    @Override
    public Optional<HealthcareParty> party(String id) {
        lock.readLock().lock();
        try {
            return Optional.ofNullable(parties.get(id));
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public List<HealthcareParty> parties() {
        lock.readLock().lock();
        try {
            return List.copyOf(parties.values());
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public Optional<EncryptableEntity<?>> entity(EntityType type, String id) {
        lock.readLock().lock();
        try {
            return Optional.ofNullable(entities.get(type).get(id));
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public List<EncryptableEntity<?>> entities(EntityType type) {
        lock.readLock().lock();
        try {
            return List.copyOf(entities.get(type).values());
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public List<EncryptableEntity<?>> bySecretForeignKey(EntityType type, String secretForeignKey) {
        lock.readLock().lock();
        try {
            Set<String> ids = bySecretForeignKey.get(type).getOrDefault(secretForeignKey, Set.of());
            List<EncryptableEntity<?>> found = new ArrayList<>(ids.size());
            ids.forEach(id -> found.add(entities.get(type).get(id)));
            return found;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public boolean apply(StoreUpdate update) {
        lock.writeLock().lock();
        try {
            for (StoreUpdate.PartyExpectation expected : update.partyExpectations()) {
                if (!Optional.ofNullable(parties.get(expected.id())).equals(expected.document())) {
                    return false;
                }
            }
            for (StoreUpdate.EntityExpectation expected : update.entityExpectations()) {
                if (!Optional.ofNullable(entities.get(expected.type()).get(expected.id())).equals(expected.document())) {
                    return false;
                }
            }
            update.parties().forEach(party -> parties.put(party.id(), party));
            for (EncryptableEntity<?> entity : update.entities()) {
                EncryptableEntity<?> previous = entities.get(entity.type()).put(entity.id(), entity);
                Map<String, Set<String>> index = bySecretForeignKey.get(entity.type());
                if (previous != null) {
                    previous.secretForeignKeys().forEach(key -> {
                        Set<String> ids = index.get(key);
                        if (ids != null) {
                            ids.remove(previous.id());
                        }
                    });
                }
                entity.secretForeignKeys().forEach(key ->
                        index.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(entity.id()));
            }
            return true;
        } finally {
            lock.writeLock().unlock();
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
