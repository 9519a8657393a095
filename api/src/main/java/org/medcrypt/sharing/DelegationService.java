package org.medcrypt.sharing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.medcrypt.AccessDeniedException;
import org.medcrypt.DecryptionFailedException;
import org.medcrypt.FormatException;
import org.medcrypt.KeyException;
import org.medcrypt.MedcryptException;
import org.medcrypt.internal.Hex;
import org.medcrypt.internal.RandomIds;
import org.medcrypt.keys.DataOwnerKeys;
import org.medcrypt.keys.PairKey;
import org.medcrypt.keys.PairKeyCache;
import org.medcrypt.keys.PairKeyForSharing;
import org.medcrypt.keys.PairKeys;
import org.medcrypt.model.Delegation;
import org.medcrypt.model.DelegationKind;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.EntityType;
import org.medcrypt.model.HealthcareParty;
import org.medcrypt.model.Patient;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.store.EntityStore;
import org.medcrypt.json.Dataset;

/**
 * Everything one data owner (a healthcare party holding its private keys) does with encrypted
 * entities, in iCure's v1 format: create patients and their children, decrypt them, find a
 * patient's children and a child's patient, and share with another party.
 *
 * <p>Every method that changes data writes it to the {@link EntityStore} in one atomic
 * {@link EntityStore#saveAll} and returns what it saved. A method that fails changes nothing:
 * entities are immutable, and nothing is saved before every step has succeeded.
 *
 * <p>Only a party that can decrypt an entity's keys can share it; a party with no delegation
 * gets an {@link AccessDeniedException}; a delegation that is there but does not decrypt (a wrong
 * key, modified or truncated data, or a delegation copied from another entity) gets a
 * {@link DecryptionFailedException}.
 *
 * <p>Thread-safe if the store is.
 */
public final class DelegationService {

    private final CryptoProvider provider;
    private final EntityStore store;
    private final DataOwnerKeys owner;
    private final PairKeys pairKeys;
    private final EncryptedFieldsConfig encryptedFields;
    private final SmallKeyCodec smallKeys;
    private final ContentCodec content;

    private DelegationService(Builder builder) {
        this.provider = builder.provider;
        this.store = builder.store;
        this.owner = builder.owner;
        this.pairKeys = new PairKeys(provider, owner, store, builder.cache);
        this.encryptedFields = builder.encryptedFields;
        this.smallKeys = new SmallKeyCodec(provider);
        this.content = new ContentCodec(provider);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The data owner this service acts for. */
    public String dataOwnerId() {
        return owner.partyId();
    }

    public CryptoProvider provider() {
        return provider;
    }

    public EntityStore store() {
        return store;
    }

    /** The pair-key cache, with its RSA operation count. */
    public PairKeyCache pairKeyCache() {
        return pairKeys.cache();
    }

    // ---------------------------------------------------------------- creating

    /**
     * Creates a patient owned by this data owner: a new secret foreign key and content key,
     * each stored for this owner under its own pair key {AA}, and the configured fields of
     * {@code document} moved into {@code encryptedSelf}.
     *
     * @param document the clear patient document; must have an {@code id} not yet in the store
     */
    public Patient createPatient(ObjectNode document) {
        Patient draft = Patient.fromJson(clean(document));
        requireNew(draft);
        return create(draft, Optional.empty());
    }

    /**
     * Creates a contact, form or health element of {@code patient}: it carries the patient's
     * secret foreign keys in clear (so it can be found) and the patient's id encrypted in
     * {@code cryptedForeignKeys}.
     *
     * @throws AccessDeniedException if this owner cannot read the patient's secret foreign key
     */
    public EncryptableEntity<?> createChild(EntityType type, ObjectNode document, Patient patient) {
        if (!type.isChild()) {
            throw new IllegalArgumentException(type + " is not a child type: use createPatient");
        }
        EncryptableEntity<?> draft = Dataset.entity(type, clean(document));
        requireNew(draft);
        Set<String> parentKeys = readAll(patient, DelegationKind.DELEGATIONS);
        return create(draft.withSecretForeignKeys(parentKeys), Optional.of(patient.id()));
    }

    private <T extends EncryptableEntity<T>> T create(EncryptableEntity<T> draft, Optional<String> parentId) {
        PairKeyForSharing self = pairKeys.forSharing(owner.partyId());
        PairKey key = self.key();
        String me = owner.partyId();
        String secretForeignKey = RandomIds.uuid(provider.random());
        String contentKey = RandomIds.uuid(provider.random());
        T entity = draft
                .withDelegationMap(DelegationKind.DELEGATIONS, Map.of(me, List.of(delegation(key, draft.id(), secretForeignKey))))
                .withDelegationMap(DelegationKind.ENCRYPTION_KEYS, Map.of(me, List.of(delegation(key, draft.id(), contentKey))))
                .withDelegationMap(DelegationKind.CRYPTED_FOREIGN_KEYS, parentId
                        .map(parent -> Map.of(me, List.of(delegation(key, draft.id(), parent))))
                        .orElse(Map.of()));
        entity = encryptFields(entity, contentKey);
        save(self, List.of(entity));
        return entity;
    }

    // ---------------------------------------------------------------- reading

    /**
     * Returns the entity with the fields of its {@code encryptedSelf} merged back in (the
     * {@code encryptedSelf} itself is kept). An entity without {@code encryptedSelf} is returned
     * as it is.
     *
     * @throws AccessDeniedException if this owner holds no content key of the entity
     * @throws DecryptionFailedException if it holds one but it does not open the data
     * @throws FormatException if {@code encryptedSelf} is not base64
     */
    public <T extends EncryptableEntity<T>> T decrypt(T entity) {
        Optional<String> encryptedSelf = entity.encryptedSelf();
        if (encryptedSelf.isEmpty()) {
            return entity;
        }
        String where = describe(entity);
        byte[] ciphertext = ContentCodec.decodeBase64(encryptedSelf.get(), where);
        boolean sawKey = false;
        for (Iterator<String> keys = lazyValues(entity, DelegationKind.ENCRYPTION_KEYS); keys.hasNext(); ) {
            sawKey = true;
            Optional<ObjectNode> fields = content.decrypt(keys.next(), ciphertext);
            if (fields.isPresent()) {
                return entity.withFields(fields.get());
            }
        }
        if (!sawKey) {
            requireAccess(entity, DelegationKind.ENCRYPTION_KEYS);
        }
        throw new DecryptionFailedException(where);
    }

    /** True if this owner can decrypt at least one of the entity's secret foreign keys. */
    public boolean canRead(EncryptableEntity<?> entity) {
        return lazyValues(entity, DelegationKind.DELEGATIONS).hasNext();
    }

    /**
     * The entity's secret foreign keys as this owner can decrypt them: the values its children
     * carry in {@code secretForeignKeys}.
     */
    public Set<String> secretForeignKeys(EncryptableEntity<?> entity) {
        return readAll(entity, DelegationKind.DELEGATIONS);
    }

    /** The content keys of the entity this owner can decrypt. */
    public Set<String> contentKeys(EncryptableEntity<?> entity) {
        return readAll(entity, DelegationKind.ENCRYPTION_KEYS);
    }

    /** The parent ids (the patient's id for a contact) this owner can decrypt. */
    public Set<String> parentIds(EncryptableEntity<?> child) {
        return readAll(child, DelegationKind.CRYPTED_FOREIGN_KEYS);
    }

    /**
     * The children of {@code type} of a patient: a query on the store by the patient's
     * decrypted secret foreign keys. Includes children this owner may not be able to read.
     */
    public List<EncryptableEntity<?>> childrenOf(Patient patient, EntityType type) {
        Set<String> keys = secretForeignKeys(patient);
        Map<String, EncryptableEntity<?>> found = new LinkedHashMap<>();
        for (String key : keys) {
            store.bySecretForeignKey(type, key).forEach(child -> found.putIfAbsent(child.id(), child));
        }
        return List.copyOf(found.values());
    }

    /** All contacts of a patient; see {@link #childrenOf}. */
    public List<EncryptableEntity<?>> contactsOf(Patient patient) {
        return childrenOf(patient, EntityType.CONTACT);
    }

    /** The patient of a child, found by its decrypted crypted foreign key. */
    public Optional<Patient> patientOf(EncryptableEntity<?> child) {
        for (String parentId : parentIds(child)) {
            Optional<Patient> patient = store.patient(parentId);
            if (patient.isPresent()) {
                return patient;
            }
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------- sharing

    /**
     * Gives {@code delegateId} access to an entity: creates the pair key of this owner with the
     * delegate if missing, and re-encrypts only the small keys (secret foreign key, content key,
     * parent id) with it. Saves and returns the entity; idempotent.
     *
     * @throws AccessDeniedException if this owner cannot decrypt the entity's keys itself
     * @throws org.medcrypt.NotFoundException if the delegate is not a known healthcare party
     */
    public <T extends EncryptableEntity<T>> T shareWith(T entity, String delegateId) {
        Objects.requireNonNull(delegateId, "delegateId");
        Map<DelegationKind, Set<String>> values = readableForSharing(entity);
        PairKeyForSharing pairKey = pairKeys.forSharing(delegateId);
        Optional<T> shared = addDelegate(entity, values, delegateId, pairKey.key());
        if (shared.isEmpty() && pairKey.updatedOwner().isEmpty()) {
            return entity;
        }
        T result = shared.orElse(entity);
        save(pairKey, shared.isPresent() ? List.of(result) : List.of());
        return result;
    }

    /**
     * Shares a patient and every contact, form and health element of it that this owner can
     * read, in one atomic save. Children this owner cannot read are reported, not shared.
     *
     * @throws AccessDeniedException if this owner cannot read the patient itself
     */
    public CascadeShareResult shareWithCascade(Patient patient, String delegateId) {
        Objects.requireNonNull(delegateId, "delegateId");
        Map<DelegationKind, Set<String>> patientValues = readableForSharing(patient);
        PairKeyForSharing pairKey = pairKeys.forSharing(delegateId);
        List<EncryptableEntity<?>> changed = new ArrayList<>();
        List<EncryptableEntity<?>> unchanged = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Optional<Patient> sharedPatient = addDelegate(patient, patientValues, delegateId, pairKey.key());
        sharedPatient.ifPresentOrElse(changed::add, () -> unchanged.add(patient));
        for (EntityType type : List.of(EntityType.CONTACT, EntityType.FORM, EntityType.HEALTH_ELEMENT)) {
            for (EncryptableEntity<?> child : childrenOf(patient, type)) {
                if (!canRead(child)) {
                    skipped.add(child.id());
                    continue;
                }
                Optional<? extends EncryptableEntity<?>> shared =
                        addDelegateUnchecked(child, readableForSharing(child), delegateId, pairKey.key());
                if (shared.isPresent()) {
                    changed.add(shared.get());
                } else {
                    unchanged.add(child);
                }
            }
        }
        save(pairKey, changed);
        return new CascadeShareResult(sharedPatient.orElse(patient), changed, unchanged, skipped);
    }

    // ---------------------------------------------------------------- internals

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Optional<? extends EncryptableEntity<?>> addDelegateUnchecked(EncryptableEntity<?> entity,
            Map<DelegationKind, Set<String>> values, String delegateId, PairKey key) {
        return addDelegate((EncryptableEntity) entity, values, delegateId, key);
    }

    /** The entity with new delegations for the delegate, or empty if it already had them all. */
    private <T extends EncryptableEntity<T>> Optional<T> addDelegate(EncryptableEntity<T> entity,
            Map<DelegationKind, Set<String>> values, String delegateId, PairKey key) {
        String me = owner.partyId();
        T result = null;
        for (Map.Entry<DelegationKind, Set<String>> entry : values.entrySet()) {
            DelegationKind kind = entry.getKey();
            Map<String, List<Delegation>> map = entity.delegationMap(kind);
            List<Delegation> existing = map.getOrDefault(delegateId, List.of());
            Set<String> present = new LinkedHashSet<>();
            for (Delegation delegation : existing) {
                if (delegation.owner().equals(me)) {
                    smallKeys.decrypt(key, entity.id(), Hex.decode(delegation.key(), describe(entity) + " delegation"))
                            .ifPresent(present::add);
                }
            }
            List<Delegation> added = new ArrayList<>(existing);
            for (String value : entry.getValue()) {
                if (!present.contains(value)) {
                    added.add(delegation(key, delegateId, entity.id(), value));
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
     * The values this owner can decrypt, per map; requires at least one secret foreign key, and
     * one value in every other map that has entries at all.
     */
    private Map<DelegationKind, Set<String>> readableForSharing(EncryptableEntity<?> entity) {
        Map<DelegationKind, Set<String>> values = new LinkedHashMap<>();
        for (DelegationKind kind : DelegationKind.values()) {
            if (kind == DelegationKind.DELEGATIONS || !entity.delegationMap(kind).isEmpty()) {
                values.put(kind, readAll(entity, kind));
            }
        }
        return values;
    }

    /** Every value of one map this owner can decrypt; fails if it can decrypt none. */
    private Set<String> readAll(EncryptableEntity<?> entity, DelegationKind kind) {
        Set<String> values = new LinkedHashSet<>();
        lazyValues(entity, kind).forEachRemaining(values::add);
        if (values.isEmpty()) {
            requireAccess(entity, kind);
            throw new DecryptionFailedException(describe(entity) + " " + kind.jsonName());
        }
        return values;
    }

    /** Throws {@link AccessDeniedException} if no delegation of this kind names this owner. */
    private void requireAccess(EncryptableEntity<?> entity, DelegationKind kind) {
        String me = owner.partyId();
        boolean mine = entity.allDelegations(kind).stream()
                .anyMatch(d -> d.delegatedTo().equals(me) || d.owner().equals(me));
        if (!mine) {
            throw new AccessDeniedException("healthcare party '" + me + "' has no " + kind.jsonName()
                    + " entry on " + describe(entity) + ": a party that has access must share it with '" + me + "'");
        }
    }

    /**
     * Decrypts values lazily: first the delegations addressed to this owner, then (only if none
     * of those opened) the ones this owner wrote for others. Each value is checked against the
     * entity id.
     */
    private Iterator<String> lazyValues(EncryptableEntity<?> entity, DelegationKind kind) {
        String me = owner.partyId();
        List<Delegation> toMe = entity.delegationMap(kind).getOrDefault(me, List.of());
        List<Delegation> byMe = new ArrayList<>();
        entity.delegationMap(kind).forEach((delegate, list) -> {
            if (!delegate.equals(me)) {
                list.stream().filter(d -> d.owner().equals(me)).forEach(byMe::add);
            }
        });
        return new Iterator<>() {
            private final Iterator<Delegation> primary = toMe.iterator();
            private Iterator<Delegation> fallback;
            private final Set<String> seen = new LinkedHashSet<>();
            private String next;

            @Override
            public boolean hasNext() {
                while (next == null) {
                    Iterator<Delegation> source = primary;
                    if (!primary.hasNext()) {
                        if (fallback == null) {
                            fallback = seen.isEmpty() ? byMe.iterator() : List.<Delegation>of().iterator();
                        }
                        source = fallback;
                    }
                    if (!source.hasNext()) {
                        return false;
                    }
                    decrypt(entity, source.next()).filter(seen::add).ifPresent(value -> next = value);
                }
                return true;
            }

            @Override
            public String next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                String value = next;
                next = null;
                return value;
            }
        };
    }

    private Optional<String> decrypt(EncryptableEntity<?> entity, Delegation delegation) {
        byte[] ciphertext = Hex.decode(delegation.key(), describe(entity) + " delegation from '" + delegation.owner() + "'");
        for (PairKey key : pairKeys.candidates(delegation.owner(), delegation.delegatedTo())) {
            Optional<String> value = smallKeys.decrypt(key, entity.id(), ciphertext);
            if (value.isPresent()) {
                return value;
            }
        }
        return Optional.empty();
    }

    private Delegation delegation(PairKey key, String entityId, String value) {
        return delegation(key, key.id().delegate(), entityId, value);
    }

    private Delegation delegation(PairKey key, String delegateId, String entityId, String value) {
        return new Delegation(owner.partyId(), delegateId, smallKeys.encrypt(key, entityId, value));
    }

    private <T extends EncryptableEntity<T>> T encryptFields(T entity, String contentKey) {
        ObjectNode fields = org.medcrypt.json.MedcryptJson.mapper().createObjectNode();
        List<String> names = new ArrayList<>();
        for (String name : encryptedFields.fieldsOf(entity.type())) {
            Optional<JsonNode> value = entity.field(name);
            if (value.isPresent() && !value.get().isNull()) {
                fields.set(name, value.get());
                names.add(name);
            }
        }
        if (names.isEmpty()) {
            return entity;
        }
        return entity.withEncryptedSelf(content.encrypt(contentKey, fields), names);
    }

    private void save(PairKeyForSharing pairKey, List<? extends EncryptableEntity<?>> entities) {
        List<HealthcareParty> parties = pairKey.updatedOwner().map(List::of).orElse(List.of());
        if (parties.isEmpty() && entities.isEmpty()) {
            return;
        }
        store.saveAll(parties, entities);
        if (pairKey.updatedOwner().isPresent()) {
            pairKeys.remember(pairKey.key());
        }
    }

    private void requireNew(EncryptableEntity<?> draft) {
        if (store.entity(draft.type(), draft.id()).isPresent()) {
            throw new MedcryptException(describe(draft) + " already exists: choose another id");
        }
    }

    /** A clear document without any of the fields medcrypt writes itself. */
    private static ObjectNode clean(ObjectNode document) {
        ObjectNode copy = document.deepCopy();
        for (DelegationKind kind : DelegationKind.values()) {
            copy.remove(kind.jsonName());
        }
        copy.remove("secretForeignKeys");
        copy.remove("encryptedSelf");
        return copy;
    }

    private static String describe(EncryptableEntity<?> entity) {
        return entity.type().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " '" + entity.id() + "'";
    }

    /** Builds a {@link DelegationService}; {@link #build()} checks that it is complete. */
    public static final class Builder {
        private CryptoProvider provider;
        private EntityStore store;
        private DataOwnerKeys owner;
        private PairKeyCache cache;
        private EncryptedFieldsConfig encryptedFields = EncryptedFieldsConfig.defaults();

        private Builder() {
        }

        /** The crypto provider (see {@code CryptoProviders}); required. */
        public Builder provider(CryptoProvider provider) {
            this.provider = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /** Where parties and entities live; required. */
        public Builder store(EntityStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** The data owner and its private keys, parsed by the same provider; required. */
        public Builder dataOwner(DataOwnerKeys owner) {
            this.owner = Objects.requireNonNull(owner, "owner");
            return this;
        }

        /** A cache shared with other services of the same owner; a new one by default. */
        public Builder pairKeyCache(PairKeyCache cache) {
            this.cache = Objects.requireNonNull(cache, "cache");
            return this;
        }

        /** Which fields are encrypted; {@link EncryptedFieldsConfig#defaults()} by default. */
        public Builder encryptedFields(EncryptedFieldsConfig encryptedFields) {
            this.encryptedFields = Objects.requireNonNull(encryptedFields, "encryptedFields");
            return this;
        }

        public DelegationService build() {
            if (provider == null) {
                throw new IllegalStateException("DelegationService needs a provider(...)");
            }
            if (store == null) {
                throw new IllegalStateException("DelegationService needs a store(...)");
            }
            if (owner == null) {
                throw new IllegalStateException("DelegationService needs a dataOwner(...)");
            }
            if (!provider.availability().isAvailable()) {
                throw new org.medcrypt.ProviderException("crypto provider '" + provider.id() + "' is unavailable: "
                        + provider.availability().reason());
            }
            if (cache == null) {
                cache = PairKeyCache.create();
            }
            return new DelegationService(this);
        }
    }
}
