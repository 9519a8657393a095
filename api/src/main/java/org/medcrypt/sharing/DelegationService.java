package org.medcrypt.sharing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.medcrypt.AccessDeniedException;
import org.medcrypt.ConflictException;
import org.medcrypt.DecryptionFailedException;
import org.medcrypt.FormatException;
import org.medcrypt.KeyException;
import org.medcrypt.NotFoundException;
import org.medcrypt.ProviderException;
import org.medcrypt.internal.Hex;
import org.medcrypt.internal.format.WireFormats;
import org.medcrypt.internal.keys.CacheAccess;
import org.medcrypt.internal.keys.PairKeys;
import org.medcrypt.internal.keys.TrustPolicy;
import org.medcrypt.internal.sharing.SharingAccess;
import org.medcrypt.internal.sharing.SharingInternals;
import org.medcrypt.keys.DataOwnerKeys;
import org.medcrypt.keys.KeyOwnership;
import org.medcrypt.keys.PairKeyCache;
import org.medcrypt.model.DelegationKind;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.EntityType;
import org.medcrypt.model.Patient;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.Suite;
import org.medcrypt.store.EntityStore;

/**
 * Everything one data owner (a healthcare party holding its private keys) does with encrypted
 * entities: create patients and their children, decrypt them, find a patient's children and a
 * child's patient, and share with another party. A small facade over one class per job.
 *
 * <p><b>Formats.</b> New entities are written in {@link Builder#suite(Suite) the chosen suite}:
 * {@link Suite#V2_GCM_OAEP256} by default, {@link Suite#V1_ICURE} for iCure's SDK. Reading takes
 * any mix of the two, in one dataset and within one entity; sharing re-encrypts each small key in
 * the format it is written in, so a shared v1 entity stays readable by iCure's SDK.
 *
 * <p><b>Pair keys.</b> Every pair key medcrypt creates is signed with its owner's Ed25519 key.
 * medcrypt never shares under a pair key that is neither signed by this owner (checked with its own
 * key material) nor explicitly trusted ({@link Builder#trustUnsignedPairKeys}); when none is
 * acceptable it creates a new signed one. Reading under an unsigned v1 pair key is allowed (iCure's
 * SDK makes them) and reported ({@link DecryptedEntity#readUnderUnsignedPairKey()}).
 *
 * <p><b>Consistency.</b> Every change is written in one atomic {@link EntityStore#apply} that lands
 * only if the documents it started from are still the stored ones; otherwise it starts again from
 * the store (a few times, then a {@link ConflictException}). A method that fails changes nothing.
 *
 * <p>Only a party that can decrypt an entity's keys can share it; a party with no delegation gets
 * an {@link AccessDeniedException}; one whose delegations do not open (wrong key, modified,
 * truncated, or moved from another entity, role or delegate) gets the one generic
 * {@link DecryptionFailedException}. Thread-safe if the store is.
 */
public final class DelegationService {

    static {
        // medcrypt's agility package (migration, revocation) reads and writes as the service does
        SharingAccess.register(service -> ((DelegationService) service).internals);
    }

    private final CryptoProvider provider;
    private final EntityStore store;
    private final DataOwnerKeys owner;
    private final PairKeyCache cache;
    private final Suite suite;
    private final WireFormats formats;
    private final ValueReader reader;
    private final ContentCipher content;
    private final Navigation navigation;
    private final EntityCreation creation;
    private final EntitySharing sharing;
    private final PairKeys pairKeys;
    private final StoreTransaction transaction;
    private final SharingInternals internals;

    private DelegationService(Builder builder) {
        this.provider = builder.provider;
        this.store = builder.store;
        this.owner = builder.owner;
        this.cache = builder.cache;
        this.suite = builder.suite;
        this.formats = new WireFormats(provider);
        TrustPolicy policy = new TrustPolicy(builder.trustUnsigned, builder.pins, builder.requirePinned);
        PairKeys pairKeys = new PairKeys(provider, owner, store, CacheAccess.of(cache), policy);
        this.pairKeys = pairKeys;
        String me = owner.partyId();
        this.reader = new ValueReader(me, formats, pairKeys);
        this.content = new ContentCipher(formats, reader, builder.encryptedFields, store);
        this.navigation = new Navigation(store, reader);
        this.transaction = new StoreTransaction(store, pairKeys, me);
        this.creation = new EntityCreation(me, store, pairKeys, reader, content, transaction);
        this.sharing = new EntitySharing(me, store, pairKeys, reader, navigation, transaction);
        this.internals = new InternalsAdapter(me, pairKeys, formats, reader);
    }

    /** A builder; {@code provider}, {@code store} and {@code dataOwner} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The data owner this service acts for. */
    public String dataOwnerId() {
        return owner.partyId();
    }

    /** The crypto provider this service runs on. */
    public CryptoProvider provider() {
        return provider;
    }

    /** The store this service reads and writes. */
    public EntityStore store() {
        return store;
    }

    /** The suite new entities are written in. */
    public Suite suite() {
        return suite;
    }

    /** The pair-key cache, with its RSA operation and signature verification counts. */
    public PairKeyCache pairKeyCache() {
        return cache;
    }

    /**
     * Publishes this owner's Ed25519 signing key and its signature of its own RSA public key in
     * its party document, if they are not there yet (creating a pair key does the same). A party
     * that others pin must have done this before they first share with it.
     *
     * @return true if the document changed
     * @throws KeyException if this owner has no signing key loaded
     */
    public boolean publishKeys() {
        return transaction.run(attempt -> {
            Optional<org.medcrypt.model.HealthcareParty> updated = pairKeys.withKeysPublished();
            if (updated.isEmpty()) {
                return StoreTransaction.Attempt.nothingToDo(false);
            }
            org.medcrypt.store.StoreUpdate.Builder update = org.medcrypt.store.StoreUpdate.builder()
                    .expectParty(owner.partyId(), store.party(owner.partyId())).save(updated.get());
            return new StoreTransaction.Attempt<>(Optional.of(update), List.of(), true);
        }, "the document of healthcare party '" + owner.partyId() + "'");
    }

    // ---------------------------------------------------------------- creating

    /**
     * Creates a patient owned by this data owner, in {@link #suite()}: a new secret id and content
     * key, each stored for this owner under its own pair key {AA}, and the configured fields of
     * {@code document} moved into {@code encryptedSelf}.
     *
     * @param document the clear patient document; must have an {@code id} not yet in the store
     * @throws KeyException if a new pair key is needed and this owner has no signing key loaded
     */
    public Patient createPatient(ObjectNode document) {
        return createPatient(document, suite);
    }

    /** Same as {@link #createPatient(ObjectNode)}, in {@code suite}. */
    public Patient createPatient(ObjectNode document, Suite suite) {
        return creation.createPatient(document, formats.of(suite));
    }

    /**
     * Creates a contact, form or health element of {@code patient}, in {@link #suite()}: it carries
     * the patient's secret id in clear (so it can be found) and the patient's id encrypted in
     * {@code cryptedForeignKeys}.
     *
     * @throws AccessDeniedException if this owner cannot read the patient's secret id
     */
    public EncryptableEntity<?> createChild(EntityType type, ObjectNode document, Patient patient) {
        return createChild(type, document, patient, suite);
    }

    /** Same as {@link #createChild(EntityType, ObjectNode, Patient)}, in {@code suite}. */
    public EncryptableEntity<?> createChild(EntityType type, ObjectNode document, Patient patient, Suite suite) {
        return creation.createChild(type, document, patient, formats.of(suite));
    }

    // ---------------------------------------------------------------- reading

    /**
     * Decrypts the entity's {@code encryptedSelf}. The result is a separate view: the stored
     * entity stays encrypted. An entity without {@code encryptedSelf} gives a view with no
     * decrypted fields.
     *
     * <p>A value that may be public is never taken as the content key, whatever map the store put
     * it in: a value this owner reads in the entity's {@code delegations} (a secret id, which
     * children carry in clear) or {@code cryptedForeignKeys} (a parent id), the entity's id or
     * {@code secretForeignKeys}, or, for v1, the id or clear secret id of any stored entity. A v1
     * content key is taken only when this owner also reads a secret id of the entity, distinct from
     * its parent id, and, for a child, a parent id that names a stored entity: a v1 child is read
     * only while its parent is in the store. A content key that passed these checks and opened the
     * entity is kept by the {@link PairKeyCache} (see there), and the same entity read again with it
     * is not checked again. One read costs a bounded number of RSA operations whatever the
     * documents hold: see {@link org.medcrypt.keys.DocumentLimits}.
     *
     * @throws AccessDeniedException if this owner holds no content key of the entity
     * @throws DecryptionFailedException if it holds one but it does not open the data, or the data
     *     decrypts to anything but a JSON object without fields medcrypt manages ({@code id}, the
     *     delegation maps…): one exception and message for every failure after decryption
     * @throws FormatException if a v1 {@code encryptedSelf} is not base64, or a document is over a
     *     {@link org.medcrypt.keys.DocumentLimits} limit (and nothing else opens)
     */
    public <T extends EncryptableEntity<T>> DecryptedEntity<T> decrypt(T entity) {
        return pairKeys.readingEachOwnerOnce(() -> content.decrypt(entity));
    }

    /**
     * Succeeds if this owner can read the entity; otherwise says why.
     *
     * @throws AccessDeniedException if no delegation names this owner
     * @throws DecryptionFailedException if one does but does not open
     */
    public void requireReadable(EncryptableEntity<?> entity) {
        pairKeys.readingEachOwnerOnce(() -> reader.readAll(entity, DelegationKind.DELEGATIONS));
    }

    /** True if this owner can decrypt at least one of the entity's secret ids. */
    public boolean canRead(EncryptableEntity<?> entity) {
        return pairKeys.readingEachOwnerOnce(() -> reader.canRead(entity));
    }

    /** The entity's secret ids as this owner can decrypt them: what its children carry in {@code secretForeignKeys}. */
    public Set<String> secretForeignKeys(EncryptableEntity<?> entity) {
        return pairKeys.readingEachOwnerOnce(() -> ValueReader.plain(reader.readAll(entity, DelegationKind.DELEGATIONS)));
    }

    /** The content keys of the entity this owner can decrypt. */
    public Set<String> contentKeys(EncryptableEntity<?> entity) {
        return pairKeys.readingEachOwnerOnce(() -> ValueReader.plain(reader.readAll(entity, DelegationKind.ENCRYPTION_KEYS)));
    }

    /** The parent ids (the patient's id for a contact) this owner can decrypt. */
    public Set<String> parentIds(EncryptableEntity<?> child) {
        return pairKeys.readingEachOwnerOnce(() -> ValueReader.plain(reader.readAll(child, DelegationKind.CRYPTED_FOREIGN_KEYS)));
    }

    /**
     * The children of {@code type} of a patient: a query on the store by the patient's decrypted
     * secret ids, keeping only the children whose parent id, as this owner reads it, is this patient.
     */
    public List<EncryptableEntity<?>> childrenOf(Patient patient, EntityType type) {
        return pairKeys.readingEachOwnerOnce(() -> navigation.childrenOf(patient, type));
    }

    /** All contacts of a patient; see {@link #childrenOf}. */
    public List<EncryptableEntity<?>> contactsOf(Patient patient) {
        return childrenOf(patient, EntityType.CONTACT);
    }

    /** The patient of a child, found by its decrypted parent id. */
    public Optional<Patient> patientOf(EncryptableEntity<?> child) {
        return pairKeys.readingEachOwnerOnce(() -> navigation.patientOf(child));
    }

    // ---------------------------------------------------------------- sharing

    /**
     * Gives {@code delegateId} access to an entity: re-encrypts only the small keys (secret id,
     * content key, parent id), each in its own format, under this owner's pair key with the delegate
     * (an acceptable one, or a new signed one). Saves and returns the entity; idempotent.
     *
     * @param entity the entity as stored (not a stale copy: see {@link ConflictException})
     * @throws AccessDeniedException if this owner cannot decrypt the entity's keys itself
     * @throws NotFoundException if the delegate or the entity is not in the store
     * @throws ConflictException if {@code entity} is not the stored version
     * @throws KeyException if a new pair key is needed and this owner has no signing key loaded
     */
    public <T extends EncryptableEntity<T>> T shareWith(T entity, String delegateId) {
        return sharing.shareWith(entity, delegateId);
    }

    /**
     * Shares a patient and every contact, form and health element of it that this owner can read,
     * in one atomic save. Children this owner cannot read, and children that carry the patient's
     * secret id but whose parent id is another patient, are reported in
     * {@link CascadeShareResult#skipped()}, not shared.
     *
     * @throws AccessDeniedException if this owner cannot read the patient itself
     * @throws ConflictException if {@code patient} is not the stored version
     */
    public CascadeShareResult shareWithCascade(Patient patient, String delegateId) {
        return sharing.shareWithCascade(patient, delegateId);
    }

    /** Builds a {@link DelegationService}; {@link #build()} checks that it is complete. */
    public static final class Builder {
        private CryptoProvider provider;
        private EntityStore store;
        private DataOwnerKeys owner;
        private PairKeyCache cache;
        private EncryptedFieldsConfig encryptedFields = EncryptedFieldsConfig.defaults();
        private Suite suite = Suite.V2_GCM_OAEP256;
        private boolean trustUnsigned;
        private boolean requirePinned;
        private final Map<String, String> pins = new LinkedHashMap<>();

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
         * The data owner and its private keys (RSA, and the Ed25519 signing key that signs the pair
         * keys it creates), parsed by the same provider; required. At {@link #build()}, at least one
         * RSA key must be known as the owner's from the store's documents (see {@link KeyOwnership}).
         */
        public Builder dataOwner(DataOwnerKeys owner) {
            this.owner = Objects.requireNonNull(owner, "owner");
            return this;
        }

        /** A cache shared with other services of the same owner and store; a new one by default. */
        public Builder pairKeyCache(PairKeyCache cache) {
            this.cache = Objects.requireNonNull(cache, "cache");
            return this;
        }

        /** Which fields are encrypted; {@link EncryptedFieldsConfig#defaults()} by default. */
        public Builder encryptedFields(EncryptedFieldsConfig encryptedFields) {
            this.encryptedFields = Objects.requireNonNull(encryptedFields, "encryptedFields");
            return this;
        }

        /**
         * The suite new entities are written in: {@link Suite#V2_GCM_OAEP256} (the default) or
         * {@link Suite#V1_ICURE}, iCure's unauthenticated format, for data iCure's SDK must read.
         */
        public Builder suite(Suite suite) {
            this.suite = Objects.requireNonNull(suite, "suite");
            return this;
        }

        /**
         * Share under v1 pair keys that carry no signature (as iCure's SDK makes them) instead of
         * creating new signed ones. Off by default: such a key may have been planted by whoever can
         * write this owner's document (the store), who would then read everything shared under it.
         * Turn it on only for keys you know iCure's SDK made. Never applies to v2 keys or to keys
         * whose signature fails.
         */
        public Builder trustUnsignedPairKeys(boolean trust) {
            this.trustUnsigned = trust;
            return this;
        }

        /**
         * Reads only under pair keys signed by this owner or by a {@link #pinSigningKey pinned} key,
         * and shares only with parties whose signing key is pinned (and whose RSA public key it
         * signed). Off by default. Without it, a store that invents a party, or replaces a party's
         * whole document, can write values a reader accepts as that party's
         * ({@link Provenance#PUBLISHED}); unsigned v1 pair keys are refused too.
         */
        public Builder requirePinnedSigningKeys(boolean require) {
            this.requirePinned = require;
            return this;
        }

        /**
         * Verifies {@code partyId}'s pair-key signatures, and the signature on its RSA public key
         * before sharing with it, with {@code signingKeyHex} (its Ed25519 public key, 64 hex
         * digits, obtained out of band) instead of the key its document publishes, which the store
         * serves and could replace. A pinned party's unsigned pair keys are refused.
         *
         * @throws KeyException if the key is not 64 hex digits
         */
        public Builder pinSigningKey(String partyId, String signingKeyHex) {
            Objects.requireNonNull(partyId, "partyId");
            Objects.requireNonNull(signingKeyHex, "signingKeyHex");
            if (signingKeyHex.length() != 64 || !Hex.isHex(signingKeyHex)) {
                throw new KeyException("a pinned signing key is an Ed25519 public key: 64 hex digits");
            }
            pins.put(partyId, signingKeyHex.toLowerCase(java.util.Locale.ROOT));
            return this;
        }

        /**
         * The service.
         *
         * @throws IllegalStateException if the provider, the store or the data owner is missing
         */
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
