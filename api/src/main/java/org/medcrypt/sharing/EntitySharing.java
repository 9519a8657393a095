package org.medcrypt.sharing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.medcrypt.ConflictException;
import org.medcrypt.NotFoundException;
import org.medcrypt.internal.format.ValueContext;
import org.medcrypt.internal.format.ValueRole;
import org.medcrypt.internal.format.WireFormat;
import org.medcrypt.internal.keys.PairKeyForSharing;
import org.medcrypt.internal.keys.PairKeys;
import org.medcrypt.model.Delegation;
import org.medcrypt.model.DelegationKind;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.EntityType;
import org.medcrypt.model.Patient;
import org.medcrypt.store.EntityStore;
import org.medcrypt.store.StoreUpdate;

/**
 * Gives a delegate access: re-encrypts the small keys this owner can read, each in the format it
 * is written in (so a v1 entity stays readable by iCure's SDK), under this owner's pair key with
 * the delegate in that format.
 */
final class EntitySharing {

    private static final List<EntityType> CHILD_TYPES =
            List.of(EntityType.CONTACT, EntityType.FORM, EntityType.HEALTH_ELEMENT);

    private final String me;
    private final EntityStore store;
    private final PairKeys pairKeys;
    private final ValueReader reader;
    private final Navigation navigation;
    private final StoreTransaction transaction;

    EntitySharing(String me, EntityStore store, PairKeys pairKeys, ValueReader reader, Navigation navigation,
            StoreTransaction transaction) {
        this.me = me;
        this.store = store;
        this.pairKeys = pairKeys;
        this.reader = reader;
        this.navigation = navigation;
        this.transaction = transaction;
    }

    <T extends EncryptableEntity<T>> T shareWith(T entity, String delegateId) {
        Objects.requireNonNull(delegateId, "delegateId");
        T stored = requireStored(entity);
        return transaction.run(attempt -> {
            T current = attempt == 0 ? stored : reread(entity);
            Map<DelegationKind, Map<String, WireFormat>> values = readableForSharing(current);
            KeysForDelegate keys = new KeysForDelegate(delegateId);
            Optional<T> shared = addDelegate(current, values, delegateId, keys);
            if (shared.isEmpty()) {
                return StoreTransaction.Attempt.nothingToDo(current); // already shared
            }
            StoreUpdate.Builder update = StoreUpdate.builder().expectUnchanged(current).save(shared.get());
            return new StoreTransaction.Attempt<>(Optional.of(update), keys.used(), shared.get(),
                    saved -> saved.saved(shared.get()));
        }, ValueReader.describe(entity));
    }

    CascadeShareResult shareWithCascade(Patient patient, String delegateId) {
        Objects.requireNonNull(delegateId, "delegateId");
        Patient stored = requireStored(patient);
        return transaction.run(attempt -> {
            Patient current = attempt == 0 ? stored : reread(patient);
            KeysForDelegate keys = new KeysForDelegate(delegateId);
            List<EncryptableEntity<?>> changed = new ArrayList<>();
            List<EncryptableEntity<?>> unchanged = new ArrayList<>();
            List<String> skipped = new ArrayList<>();
            StoreUpdate.Builder update = StoreUpdate.builder().expectUnchanged(current);
            Optional<Patient> sharedPatient = addDelegate(current, readableForSharing(current), delegateId, keys);
            sharedPatient.ifPresentOrElse(changed::add, () -> unchanged.add(current));
            int rank = navigation.rankOfSecretIds(current);
            for (EntityType type : CHILD_TYPES) {
                for (EncryptableEntity<?> child : navigation.candidateChildren(current, type)) {
                    if (!reader.canRead(child) || !navigation.isChildOf(child, current, rank)) {
                        skipped.add(child.id());
                        continue;
                    }
                    update.expectUnchanged(child);
                    addDelegateUnchecked(child, readableForSharing(child), delegateId, keys)
                            .ifPresentOrElse(changed::add, () -> unchanged.add(child));
                }
            }
            CascadeShareResult result = new CascadeShareResult(sharedPatient.orElse(current), changed, unchanged, skipped);
            if (changed.isEmpty()) {
                return StoreTransaction.Attempt.nothingToDo(result);
            }
            return new StoreTransaction.Attempt<>(Optional.of(update.saveAll(changed)), keys.used(), result,
                    saved -> new CascadeShareResult(saved.saved(result.patient()),
                            changed.stream().<EncryptableEntity<?>>map(doc -> saved.entity(doc.type(), doc.id()).orElseThrow())
                                    .toList(), unchanged, skipped));
        }, ValueReader.describe(patient) + " or its children");
    }

    /** This owner's pair keys with one delegate, one per format, fetched or created as needed within one attempt. */
    private final class KeysForDelegate {
        private final String delegateId;
        private final Map<WireFormat, PairKeyForSharing> byFormat = new LinkedHashMap<>();
        private Optional<org.medcrypt.model.HealthcareParty> pending = Optional.empty();

        KeysForDelegate(String delegateId) {
            this.delegateId = delegateId;
        }

        PairKeyForSharing get(WireFormat format) {
            return byFormat.computeIfAbsent(format, f -> {
                PairKeyForSharing key = pairKeys.forSharing(f, delegateId, pending);
                if (key.updatedOwner().isPresent()) {
                    pending = key.updatedOwner();
                }
                return key;
            });
        }

        List<PairKeyForSharing> used() {
            return List.copyOf(byFormat.values());
        }
    }

    /**
     * The stored version of {@code entity}, which must be {@code entity} itself: the same document
     * apart from its revision (a copy the caller saved itself carries the revision it was derived
     * from, or none; what is shared is what the caller saw, at the stored revision).
     */
    @SuppressWarnings("unchecked")
    private <T extends EncryptableEntity<T>> T requireStored(T entity) {
        EncryptableEntity<?> stored = store.entity(entity.type(), entity.id()).orElseThrow(() ->
                new NotFoundException(ValueReader.describe(entity) + " is not in the store"));
        boolean same = stored.equals(entity)
                || stored.toJson().without(EncryptableEntity.REV).equals(entity.toJson().without(EncryptableEntity.REV));
        if (!same) {
            throw new ConflictException(ValueReader.describe(entity) + " is not the stored version (it changed since it was read, "
                    + "or it was modified): read it from the store again");
        }
        return (T) stored;
    }

    @SuppressWarnings("unchecked")
    private <T extends EncryptableEntity<T>> T reread(T entity) {
        return (T) store.entity(entity.type(), entity.id()).orElseThrow(() ->
                new NotFoundException(ValueReader.describe(entity) + " was removed from the store"));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Optional<EncryptableEntity<?>> addDelegateUnchecked(EncryptableEntity<?> entity,
            Map<DelegationKind, Map<String, WireFormat>> values, String delegateId, KeysForDelegate keys) {
        return addDelegate((EncryptableEntity) entity, values, delegateId, keys);
    }

    /** The entity with new delegations for the delegate, or empty if it already had them all. */
    private <T extends EncryptableEntity<T>> Optional<T> addDelegate(EncryptableEntity<T> entity,
            Map<DelegationKind, Map<String, WireFormat>> values, String delegateId, KeysForDelegate keys) {
        T result = null;
        ValueContext context = new ValueContext(entity.type(), entity.id(), me, delegateId);
        for (Map.Entry<DelegationKind, Map<String, WireFormat>> entry : values.entrySet()) {
            DelegationKind kind = entry.getKey();
            Map<String, List<Delegation>> map = entity.delegationMap(kind);
            List<Delegation> existing = map.getOrDefault(delegateId, List.of());
            Set<String> present = new LinkedHashSet<>();
            for (Delegation delegation : existing) {
                if (delegation.owner().equals(me)) {
                    reader.open(entity, kind, delegation).ifPresent(opened ->
                            present.add(opened.format().label() + ":" + opened.value()));
                }
            }
            List<Delegation> added = new ArrayList<>(existing);
            for (Map.Entry<String, WireFormat> value : entry.getValue().entrySet()) {
                if (!present.contains(value.getKey())) {
                    WireFormat format = value.getValue();
                    String plain = value.getKey().substring(format.label().length() + 1);
                    added.add(new Delegation(me, delegateId, format.encryptSmallKey(keys.get(format).key(),
                            ValueRole.of(kind), context, plain)));
                }
            }
            if (added.size() != existing.size()) {
                Map<String, List<Delegation>> updated = new LinkedHashMap<>(map);
                updated.put(delegateId, List.copyOf(added));
                result = (result == null ? entity : result).withDelegationMap(kind, updated);
            }
        }
        return Optional.ofNullable(result);
    }

    /**
     * The values this owner can open, per map; requires at least one secret id, and one value in
     * every other map that has entries at all (only a party that can read can share).
     */
    private Map<DelegationKind, Map<String, WireFormat>> readableForSharing(EncryptableEntity<?> entity) {
        Map<DelegationKind, Map<String, WireFormat>> values = new LinkedHashMap<>();
        for (DelegationKind kind : DelegationKind.values()) {
            if (kind == DelegationKind.DELEGATIONS || !entity.delegationMap(kind).isEmpty()) {
                values.put(kind, reader.readableWithFormat(entity, kind));
            }
        }
        return values;
    }
}
