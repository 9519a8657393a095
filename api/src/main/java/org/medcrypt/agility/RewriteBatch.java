package org.medcrypt.agility;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.medcrypt.ConflictException;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.EntityType;
import org.medcrypt.store.EntityStore;
import org.medcrypt.store.StoreUpdate;

/**
 * The entities one operation rewrites, collected before anything is written, then saved in one
 * atomic {@link EntityStore#apply} that lands only if every entity (and the owner's document, when
 * new pair keys were made) is still what the operation read. A failure anywhere before the apply
 * changes nothing; a failed apply changes nothing either (the store's contract).
 */
final class RewriteBatch {

    static final int MAX_ATTEMPTS = 8;

    private static final List<EntityType> CHILD_TYPES =
            List.of(EntityType.CONTACT, EntityType.FORM, EntityType.HEALTH_ELEMENT);

    private final EntityStore store;
    private final Map<EntityRef, EncryptableEntity<?>> read = new LinkedHashMap<>();
    private final Map<EntityRef, EncryptableEntity<?>> rewritten = new LinkedHashMap<>();
    /** New secretForeignKeys, applied with the rewrite of the entity when there is one (one copy of it, not two). */
    private final Map<EntityRef, List<String>> relinkedKeys = new LinkedHashMap<>();

    RewriteBatch(EntityStore store) {
        this.store = store;
    }

    /** Records {@code after} as the new version of {@code before} (as read from the store). */
    void replace(EncryptableEntity<?> before, EncryptableEntity<?> after) {
        EntityRef ref = EntityRef.of(before);
        read.putIfAbsent(ref, before);
        rewritten.put(ref, after);
    }

    /** The entity as this batch has rewritten it so far, else as read (its new secretForeignKeys aside). */
    EncryptableEntity<?> current(EncryptableEntity<?> stored) {
        return rewritten.getOrDefault(EntityRef.of(stored), stored);
    }

    /** The secretForeignKeys {@link #relink} gave the entity, for its rewrite to include. */
    Optional<List<String>> relinkedKeysOf(EncryptableEntity<?> stored) {
        return Optional.ofNullable(relinkedKeys.get(EntityRef.of(stored)));
    }

    /**
     * Every entity carrying {@code oldSecretId} in its {@code secretForeignKeys} gets
     * {@code newSecretId} there too ({@code keepOld}) or instead. These are clear search tags: the
     * children need not be readable, and nothing encrypted in them changes.
     */
    void relink(String oldSecretId, String newSecretId, boolean keepOld) {
        relink(oldSecretId, newSecretId, keepOld, child -> true);
    }

    /** The same, for the children {@code which} accepts (as read from the store); the others keep {@code oldSecretId}. */
    void relink(String oldSecretId, String newSecretId, boolean keepOld, Predicate<EncryptableEntity<?>> which) {
        if (oldSecretId.equals(newSecretId)) {
            return;
        }
        for (EntityType type : CHILD_TYPES) {
            for (EncryptableEntity<?> child : store.bySecretForeignKey(type, oldSecretId)) {
                if (!which.test(child)) {
                    continue;
                }
                EntityRef ref = EntityRef.of(child);
                List<String> current = relinkedKeys.getOrDefault(ref, current(child).secretForeignKeys());
                List<String> keys = new ArrayList<>();
                for (String key : current) {
                    if (key.equals(oldSecretId)) {
                        if (keepOld) {
                            keys.add(key);
                        }
                        if (!keys.contains(newSecretId)) {
                            keys.add(newSecretId);
                        }
                    } else if (!keys.contains(key)) {
                        keys.add(key);
                    }
                }
                if (!keys.equals(current)) {
                    read.putIfAbsent(ref, child);
                    relinkedKeys.put(ref, List.copyOf(keys));
                }
            }
        }
    }

    boolean isEmpty() {
        return rewritten.isEmpty() && relinkedKeys.isEmpty();
    }

    /** Entities whose secret foreign keys changed, but for {@code rewrittenAnyway}. */
    List<EntityRef> relinkedOnly(List<EntityRef> rewrittenAnyway) {
        Set<EntityRef> anyway = new java.util.HashSet<>(rewrittenAnyway);
        List<EntityRef> only = new ArrayList<>();
        for (EntityRef ref : relinkedKeys.keySet()) {
            if (!anyway.contains(ref)) {
                only.add(ref);
            }
        }
        return only;
    }

    /** The update: each entity saved on condition that it is still the version read. */
    StoreUpdate.Builder update() {
        StoreUpdate.Builder update = StoreUpdate.builder();
        read.forEach((ref, stored) -> {
            update.expectUnchanged(stored);
            EncryptableEntity<?> result = rewritten.getOrDefault(ref, stored);
            List<String> keys = relinkedKeys.get(ref);
            if (keys != null && !keys.equals(result.secretForeignKeys())) {
                result = result.withSecretForeignKeys(keys);
            }
            update.save(result);
        });
        return update;
    }

    /**
     * Runs {@code attempt} until what it computed lands in the store, or it needs no write; each
     * attempt starts again from the stored documents. The attempt returns its result and, when it
     * writes, the update and what to do once it landed.
     */
    static <R> R untilApplied(EntityStore store, Function<Integer, Planned<R>> attempt, Supplier<String> what) {
        for (int number = 0; number < MAX_ATTEMPTS; number++) {
            Planned<R> planned = attempt.apply(number);
            if (planned.update() == null) {
                return planned.result();
            }
            if (store.apply(planned.update().build()).applied()) {
                planned.afterApply().run();
                return planned.result();
            }
        }
        throw new ConflictException(what.get() + " kept changing in the store while this ran: try again");
    }

    /** One attempt's outcome: its result, and the update to apply (null: nothing to write). */
    record Planned<R>(R result, StoreUpdate.Builder update, Runnable afterApply) {
        static <R> Planned<R> nothingToWrite(R result) {
            return new Planned<>(result, null, () -> { });
        }
    }
}
