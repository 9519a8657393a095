package org.medcrypt.sharing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.medcrypt.AccessDeniedException;
import org.medcrypt.ConflictException;
import org.medcrypt.DecryptionFailedException;
import org.medcrypt.FormatException;
import org.medcrypt.MedcryptException;
import org.medcrypt.NotFoundException;
import org.medcrypt.ProviderException;
import org.medcrypt.internal.Hex;
import org.medcrypt.internal.RandomIds;
import org.medcrypt.json.Dataset;
import org.medcrypt.json.MedcryptJson;
import org.medcrypt.keys.DataOwnerKeys;
import org.medcrypt.keys.KeyOwnership;
import org.medcrypt.keys.PairKey;
import org.medcrypt.keys.PairKeyCache;
import org.medcrypt.keys.PairKeyForSharing;
import org.medcrypt.keys.PairKeys;
import org.medcrypt.model.Delegation;
import org.medcrypt.model.DelegationKind;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.EntityType;
import org.medcrypt.model.Patient;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.store.EntityStore;
import org.medcrypt.store.StoreUpdate;

/**
 * Everything one data owner (a healthcare party holding its private keys) does with encrypted
 * entities, in iCure's v1 format: create patients and their children, decrypt them, find a
 * patient's children and a child's patient, and share with another party.
 *
 * <p>Every method that changes data writes it to the {@link EntityStore} in one atomic
 * {@link EntityStore#apply}, on condition that the documents it started from are still the stored
 * ones; when another thread or device changed them meanwhile, it starts again from the stored
 * documents (a few times, then a {@link ConflictException}). A method that fails changes nothing:
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

    private static final int MAX_ATTEMPTS = 8;
    private static final Set<String> MANAGED_FIELDS = Set.of("id", "rev", "delegations", "encryptionKeys",
            "cryptedForeignKeys", "secretForeignKeys", "encryptedSelf");
    private static final List<EntityType> CHILD_TYPES =
            List.of(EntityType.CONTACT, EntityType.FORM, EntityType.HEALTH_ELEMENT);

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
        return create(Patient.fromJson(clean(document)), Optional.empty());
    }

    /**
     * Creates a contact, form or health element of {@code patient}: it carries the patient's
     * secret foreign key in clear (so it can be found) and the patient's id encrypted in
     * {@code cryptedForeignKeys}.
     *
     * @throws AccessDeniedException if this owner cannot read the patient's secret foreign key
     */
    public EncryptableEntity<?> createChild(EntityType type, ObjectNode document, Patient patient) {
        if (!type.isChild()) {
            throw new IllegalArgumentException(type + " is not a child type: use createPatient");
        }
        EncryptableEntity<?> draft = Dataset.entity(type, clean(document));
        // like iCure's SDK, one secret foreign key: the first this owner can read
        String parentKey = readAll(patient, DelegationKind.DELEGATIONS).iterator().next();
        return create(draft.withSecretForeignKeys(List.of(parentKey)), Optional.of(patient.id()));
    }

    private <T extends EncryptableEntity<T>> T create(EncryptableEntity<T> draft, Optional<String> parentId) {
        String me = owner.partyId();
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            if (store.entity(draft.type(), draft.id()).isPresent()) {
                throw new MedcryptException(describe(draft) + " already exists: choose another id");
            }
            PairKeyForSharing self = pairKeys.forSharing(me);
            PairKey key = self.key();
            String secretForeignKey = RandomIds.uuid(provider.random());
            String contentKey = RandomIds.uuid(provider.random());
            T entity = draft
                    .withDelegationMap(DelegationKind.DELEGATIONS, Map.of(me, List.of(delegation(key, me, draft.id(), secretForeignKey))))
                    .withDelegationMap(DelegationKind.ENCRYPTION_KEYS, Map.of(me, List.of(delegation(key, me, draft.id(), contentKey))))
                    .withDelegationMap(DelegationKind.CRYPTED_FOREIGN_KEYS, parentId
                            .map(parent -> Map.of(me, List.of(delegation(key, me, draft.id(), parent))))
                            .orElse(Map.of()));
            entity = encryptFields(entity, contentKey);
            StoreUpdate.Builder update = StoreUpdate.builder()
                    .expectEntity(entity.type(), entity.id(), Optional.empty())
                    .save(entity);
            if (apply(update, self)) {
                return entity;
            }
        }
        throw new ConflictException("the store kept changing while " + describe(draft) + " was being created: try again");
    }

    // ---------------------------------------------------------------- reading

    /**
     * Decrypts the entity's {@code encryptedSelf}. The result is a separate view: the stored
     * entity stays encrypted. An entity without {@code encryptedSelf} gives a view with no
     * decrypted fields.
     *
     * @throws AccessDeniedException if this owner holds no content key of the entity
     * @throws DecryptionFailedException if it holds one but it does not open the data
     * @throws FormatException if {@code encryptedSelf} is not base64, or decrypts to fields
     *     medcrypt manages ({@code id}, the delegation maps…)
     */
    public <T extends EncryptableEntity<T>> DecryptedEntity<T> decrypt(T entity) {
        Optional<String> encryptedSelf = entity.encryptedSelf();
        if (encryptedSelf.isEmpty()) {
            return new DecryptedEntity<>(entity, MedcryptJson.nodes().objectNode());
        }
        byte[] ciphertext = ContentCodec.decodeBase64(encryptedSelf.get(), describe(entity));
        // v1 binds a value to its entity, not to its map: a secret foreign key or parent id moved
        // into encryptionKeys would open data the server wrote under it. Never take those as keys.
        Set<String> notContentKeys = readQuietly(entity, DelegationKind.DELEGATIONS);
        notContentKeys.addAll(readQuietly(entity, DelegationKind.CRYPTED_FOREIGN_KEYS));
        Reading keys = new Reading(entity, DelegationKind.ENCRYPTION_KEYS);
        while (keys.hasNext()) {
            String key = keys.next();
            if (notContentKeys.contains(key)) {
                continue;
            }
            Optional<ObjectNode> fields = content.decrypt(key, ciphertext);
            if (fields.isPresent()) {
                requireNoManagedFields(entity, fields.get());
                return new DecryptedEntity<>(entity, fields.get());
            }
        }
        throw keys.failure();
    }

    /**
     * Succeeds if this owner can read the entity; otherwise says why.
     *
     * @throws AccessDeniedException if no delegation names this owner
     * @throws DecryptionFailedException if one does but does not open (modified data, wrong key)
     */
    public void requireReadable(EncryptableEntity<?> entity) {
        readAll(entity, DelegationKind.DELEGATIONS);
    }

    /**
     * True if this owner can decrypt at least one of the entity's secret foreign keys. Use
     * {@link #requireReadable} to tell "not shared with me" from "shared but does not open".
     */
    public boolean canRead(EncryptableEntity<?> entity) {
        return new Reading(entity, DelegationKind.DELEGATIONS).hasNext();
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
     * decrypted secret foreign keys, keeping only the children this owner can read and whose
     * crypted parent id is this patient (a secret foreign key is in clear in every child, so
     * anyone who can write documents can attach it to another patient's child).
     */
    public List<EncryptableEntity<?>> childrenOf(Patient patient, EntityType type) {
        List<EncryptableEntity<?>> children = new ArrayList<>();
        for (EncryptableEntity<?> child : candidateChildren(patient, type)) {
            if (readQuietly(child, DelegationKind.CRYPTED_FOREIGN_KEYS).contains(patient.id())) {
                children.add(child);
            }
        }
        return children;
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
     * @param entity the entity as stored (not a stale copy: see {@link ConflictException})
     * @throws AccessDeniedException if this owner cannot decrypt the entity's keys itself
     * @throws NotFoundException if the delegate or the entity is not in the store
     * @throws ConflictException if {@code entity} is not the stored version
     */
    public <T extends EncryptableEntity<T>> T shareWith(T entity, String delegateId) {
        Objects.requireNonNull(delegateId, "delegateId");
        requireStored(entity);
        T current = entity;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            if (attempt > 0) {
                current = reread(entity);
            }
            Map<DelegationKind, Set<String>> values = readableForSharing(current);
            PairKeyForSharing pairKey = pairKeys.forSharing(delegateId);
            Optional<T> shared = addDelegate(current, values, delegateId, pairKey.key());
            if (shared.isEmpty()) {
                return current; // already shared: a new pair key, if one was made, is not needed
            }
            StoreUpdate.Builder update = StoreUpdate.builder().expectUnchanged(current).save(shared.get());
            if (apply(update, pairKey)) {
                return shared.get();
            }
        }
        throw new ConflictException(describe(entity) + " kept changing while it was being shared: try again");
    }

    /**
     * Shares a patient and every contact, form and health element of it that this owner can
     * read, in one atomic save. Children this owner cannot read, and children that carry the
     * patient's secret foreign key but whose crypted parent id is another patient, are reported
     * in {@link CascadeShareResult#skipped()}, not shared.
     *
     * @throws AccessDeniedException if this owner cannot read the patient itself
     * @throws ConflictException if {@code patient} is not the stored version
     */
    public CascadeShareResult shareWithCascade(Patient patient, String delegateId) {
        Objects.requireNonNull(delegateId, "delegateId");
        requireStored(patient);
        Patient current = patient;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            if (attempt > 0) {
                current = reread(patient);
            }
            Map<DelegationKind, Set<String>> patientValues = readableForSharing(current);
            PairKeyForSharing pairKey = pairKeys.forSharing(delegateId);
            List<EncryptableEntity<?>> changed = new ArrayList<>();
            List<EncryptableEntity<?>> unchanged = new ArrayList<>();
            List<String> skipped = new ArrayList<>();
            StoreUpdate.Builder update = StoreUpdate.builder().expectUnchanged(current);
            Optional<Patient> sharedPatient = addDelegate(current, patientValues, delegateId, pairKey.key());
            Patient original = current;
            sharedPatient.ifPresentOrElse(changed::add, () -> unchanged.add(original));
            for (EntityType type : CHILD_TYPES) {
                for (EncryptableEntity<?> child : candidateChildren(current, type)) {
                    if (!canRead(child)
                            || !readQuietly(child, DelegationKind.CRYPTED_FOREIGN_KEYS).contains(current.id())) {
                        skipped.add(child.id());
                        continue;
                    }
                    update.expectUnchanged(child);
                    addDelegateUnchecked(child, readableForSharing(child), delegateId, pairKey.key())
                            .ifPresentOrElse(changed::add, () -> unchanged.add(child));
                }
            }
            Patient result = sharedPatient.orElse(current);
            if (changed.isEmpty()) {
                return new CascadeShareResult(result, changed, unchanged, skipped);
            }
            if (apply(update.saveAll(changed), pairKey)) {
                return new CascadeShareResult(result, changed, unchanged, skipped);
            }
        }
        throw new ConflictException(describe(patient) + " or its children kept changing while they were being shared: try again");
    }

    // ---------------------------------------------------------------- internals

    /** Applies the update (with the new pair key's party document, if any); caches the key after. */
    private boolean apply(StoreUpdate.Builder update, PairKeyForSharing pairKey) {
        pairKey.updatedOwner().ifPresent(updated ->
                update.expectParty(owner.partyId(), pairKey.ownerDocument()).save(updated));
        if (!store.apply(update.build())) {
            return false;
        }
        if (pairKey.updatedOwner().isPresent()) {
            pairKeys.remember(pairKey.key());
        }
        return true;
    }

    private void requireStored(EncryptableEntity<?> entity) {
        EncryptableEntity<?> stored = store.entity(entity.type(), entity.id()).orElseThrow(() ->
                new NotFoundException(describe(entity) + " is not in the store"));
        if (!stored.equals(entity)) {
            throw new ConflictException(describe(entity) + " is not the stored version (it changed since it was read, "
                    + "or it was modified): read it from the store again");
        }
    }

    @SuppressWarnings("unchecked")
    private <T extends EncryptableEntity<T>> T reread(T entity) {
        return (T) store.entity(entity.type(), entity.id()).orElseThrow(() ->
                new NotFoundException(describe(entity) + " was removed from the store"));
    }

    /** Children of {@code type} carrying one of the patient's secret foreign keys, readable by this owner. */
    private List<EncryptableEntity<?>> candidateChildren(Patient patient, EntityType type) {
        Map<String, EncryptableEntity<?>> found = new LinkedHashMap<>();
        for (String key : secretForeignKeys(patient)) {
            for (EncryptableEntity<?> child : store.bySecretForeignKey(type, key)) {
                found.putIfAbsent(child.id(), child);
            }
        }
        return new ArrayList<>(found.values());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Optional<EncryptableEntity<?>> addDelegateUnchecked(EncryptableEntity<?> entity,
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
                    decrypt(entity, delegation).ifPresent(present::add);
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

    /** Every value of one map this owner can decrypt; fails, saying why, if it can decrypt none. */
    private Set<String> readAll(EncryptableEntity<?> entity, DelegationKind kind) {
        Reading reading = new Reading(entity, kind);
        Set<String> values = new LinkedHashSet<>(2);
        while (reading.hasNext()) {
            values.add(reading.next());
        }
        if (values.isEmpty()) {
            throw reading.failure();
        }
        return values;
    }

    /** Every value of one map this owner can decrypt, possibly none. */
    private Set<String> readQuietly(EncryptableEntity<?> entity, DelegationKind kind) {
        Reading reading = new Reading(entity, kind);
        Set<String> values = new LinkedHashSet<>(2);
        while (reading.hasNext()) {
            values.add(reading.next());
        }
        return values;
    }

    /**
     * Decrypts the values of one map lazily: first the delegations addressed to this owner, then
     * (only if none of those opened) the ones this owner wrote for others. Each value is checked
     * against the entity id. A malformed entry (not hex) is skipped, so that one writer's junk
     * cannot stop every reader; it is reported only if nothing opens.
     */
    private final class Reading implements Iterator<String> {
        private final EncryptableEntity<?> entity;
        private final DelegationKind kind;
        private Iterator<Delegation> source;
        private boolean fallbackTaken;
        private boolean openedAny;
        private int malformed;
        private String next;

        Reading(EncryptableEntity<?> entity, DelegationKind kind) {
            this.entity = entity;
            this.kind = kind;
            this.source = entity.delegationMap(kind).getOrDefault(owner.partyId(), List.of()).iterator();
        }

        @Override
        public boolean hasNext() {
            while (next == null) {
                if (!source.hasNext()) {
                    if (fallbackTaken || openedAny) {
                        return false;
                    }
                    fallbackTaken = true;
                    source = writtenByMeForOthers().iterator();
                    continue;
                }
                Delegation delegation = source.next();
                byte[] ciphertext;
                try {
                    ciphertext = Hex.decode(delegation.key(), "delegation");
                } catch (FormatException e) {
                    malformed++;
                    continue;
                }
                Optional<String> value = decrypt(entity.id(), delegation, ciphertext);
                if (value.isPresent()) {
                    openedAny = true;
                    next = value.get();
                }
            }
            return true;
        }

        @Override
        public String next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            String value = next;
            next = null;
            return value;
        }

        private List<Delegation> writtenByMeForOthers() {
            String me = owner.partyId();
            List<Delegation> byMe = new ArrayList<>();
            for (Map.Entry<String, List<Delegation>> entry : entity.delegationMap(kind).entrySet()) {
                if (!entry.getKey().equals(me)) {
                    for (Delegation delegation : entry.getValue()) {
                        if (delegation.owner().equals(me)) {
                            byMe.add(delegation);
                        }
                    }
                }
            }
            return byMe;
        }

        /** Why nothing opened: no entry for this owner, only malformed ones, or none decrypts. */
        MedcryptException failure() {
            String me = owner.partyId();
            boolean mine = false;
            for (Delegation delegation : entity.allDelegations(kind)) {
                mine |= delegation.delegatedTo().equals(me) || delegation.owner().equals(me);
            }
            if (!mine) {
                return new AccessDeniedException("healthcare party '" + me + "' has no " + kind.jsonName()
                        + " entry on " + describe(entity) + ": a party that has access must share it with '" + me + "'");
            }
            if (malformed > 0) {
                return new FormatException(describe(entity) + ": " + kind.jsonName() + " for '" + me
                        + "' is not valid hex, and no other entry opens");
            }
            return new DecryptionFailedException(describe(entity) + " " + kind.jsonName());
        }
    }

    private Optional<String> decrypt(EncryptableEntity<?> entity, Delegation delegation) {
        try {
            return decrypt(entity.id(), delegation, Hex.decode(delegation.key(), "delegation"));
        } catch (FormatException e) {
            return Optional.empty();
        }
    }

    private Optional<String> decrypt(String entityId, Delegation delegation, byte[] ciphertext) {
        for (PairKey key : pairKeys.candidates(delegation.owner(), delegation.delegatedTo())) {
            Optional<String> value = smallKeys.decrypt(key, entityId, ciphertext);
            if (value.isPresent()) {
                return value;
            }
        }
        return Optional.empty();
    }

    private Delegation delegation(PairKey key, String delegateId, String entityId, String value) {
        return new Delegation(owner.partyId(), delegateId, smallKeys.encrypt(key, entityId, value));
    }

    private <T extends EncryptableEntity<T>> T encryptFields(T entity, String contentKey) {
        ObjectNode fields = MedcryptJson.nodes().objectNode();
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

    private static void requireNoManagedFields(EncryptableEntity<?> entity, ObjectNode fields) {
        List<String> managed = new ArrayList<>();
        fields.fieldNames().forEachRemaining(name -> {
            if (MANAGED_FIELDS.contains(name)) {
                managed.add(name);
            }
        });
        if (!managed.isEmpty()) {
            throw new FormatException("the encryptedSelf of " + describe(entity) + " holds fields medcrypt manages "
                    + managed + ": refused, since merging them would change the entity's identity or access");
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
        return entity.type().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " '" + entity.id() + "'";
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

        /**
         * The data owner and its private keys, parsed by the same provider; required. At
         * {@link #build()}, at least one key must be known as the owner's from the store's
         * documents (see {@link KeyOwnership}), or a {@link org.medcrypt.KeyException} says so.
         */
        public Builder dataOwner(DataOwnerKeys owner) {
            this.owner = Objects.requireNonNull(owner, "owner");
            return this;
        }

        /**
         * A cache shared with other services of the same owner and store; a new one by default.
         * Do not share one cache between data owners.
         */
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
                throw new ProviderException("crypto provider '" + provider.id() + "' is unavailable: "
                        + provider.availability().reason());
            }
            KeyOwnership.requireAtLeastOneRecognised(owner, store);
            if (cache == null) {
                cache = PairKeyCache.create();
            }
            return new DelegationService(this);
        }
    }
}
