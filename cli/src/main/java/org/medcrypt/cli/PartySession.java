package org.medcrypt.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.medcrypt.AccessDeniedException;
import org.medcrypt.DecryptionFailedException;
import org.medcrypt.KeyException;
import org.medcrypt.NotFoundException;
import org.medcrypt.json.MedcryptJson;
import org.medcrypt.keys.DataOwnerKeys;
import org.medcrypt.keys.KeyOwnership;
import org.medcrypt.model.DelegationKind;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.EntityType;
import org.medcrypt.model.HealthcareParty;
import org.medcrypt.sharing.DecryptedEntity;
import org.medcrypt.sharing.DelegationService;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.store.EntityStore;

/**
 * One healthcare party working on one store (a dataset file or a database) with its private keys: what {@code decrypt},
 * {@code contacts-of}, {@code patient-of}, {@code share} and {@code create} start from.
 *
 * <p>Before anything is decrypted, the keys are checked against the dataset with
 * {@link KeyOwnership}: at least one given RSA key must be a key of the party (so that someone
 * else's key fails clearly instead of showing nothing); other keys are tried too, with a note. A
 * signing key must be the one the party's document publishes, if it publishes one: signing with
 * another would replace it there, and readers would then refuse the pair keys signed before.
 */
final class PartySession {

    private final OpenStore file;
    private final DelegationService service;
    private final DataOwnerKeys keys;
    private final TrustOptions trust;

    private PartySession(OpenStore file, DelegationService service, DataOwnerKeys keys, TrustOptions trust) {
        this.file = file;
        this.service = service;
        this.keys = keys;
        this.trust = trust;
    }

    static PartySession open(PartyOptions options, TrustOptions trust, CryptoProvider provider, PrintWriter err) {
        OpenStore file = Stores.open(options.location(), Stores.Mode.EXISTING);
        EntityStore store = file.store();
        String me = options.partyId;
        HealthcareParty party = store.party(me).orElseThrow(() -> new NotFoundException(
                "healthcare party '" + me + "' is not in dataset " + file.path() + " (it has: "
                        + store.scanParties().map(HealthcareParty::id).collect(Collectors.joining(", "))
                        + "): check --as, or register the party with 'medcrypt add-party'"));
        DataOwnerKeys keys;
        try (KeyFiles.LoadedKeys loaded = KeyFiles.readPrivateKeys(options.keyFiles)) {
            try {
                keys = DataOwnerKeys.fromPkcs8(me, provider, loaded.pkcs8());
            } catch (KeyException e) {
                throw new KeyException(e.getMessage() + " (key files in order: " + options.keyFiles + ")");
            }
            checkKeysBelongTo(party, store, keys, loaded, options.keyFiles, err);
            checkSigningKeyBelongsTo(party, keys, loaded, file);
        }
        checkPins(trust, store, file, err);
        DelegationService service = trust.applyTo(DelegationService.builder())
                .provider(provider)
                .store(store)
                .dataOwner(keys)
                .build();
        return new PartySession(file, service, keys, trust);
    }

    /** Someone else's key fails clearly (see {@link KeyOwnership}); an extra unknown key gets a note. */
    private static void checkKeysBelongTo(HealthcareParty party, EntityStore store, DataOwnerKeys keys,
            KeyFiles.LoadedKeys loaded, List<Path> files, PrintWriter err) {
        String me = party.id();
        List<DataOwnerKeys.OwnedKeyPair> unknown = KeyOwnership.unrecognised(keys, store);
        if (unknown.size() == keys.keyPairs().size()) {
            String which = files.size() == 1
                    ? "key file " + files.get(0) + " is not" : "none of the key files " + files + " is";
            throw new KeyException(which + " a private key of '" + me + "': its public key is not the publicKey of '"
                    + me + "' in the dataset, nor one that a pair key was wrapped for; pass the private key of '"
                    + me + "' with --key (or check --as)");
        }
        for (DataOwnerKeys.OwnedKeyPair pair : unknown) {
            err.println("medcrypt: note: an RSA key in key file " + loaded.sourceOfRsaKey(keys.keyPairs().indexOf(pair))
                    + " matches no public key of '" + me + "' in the dataset; it is tried anyway");
        }
    }

    private static void checkSigningKeyBelongsTo(HealthcareParty party, DataOwnerKeys keys, KeyFiles.LoadedKeys loaded,
            OpenStore file) {
        Optional<String> published = party.signingKey();
        Optional<DataOwnerKeys.SigningKey> current = keys.currentSigningKey();
        if (published.isPresent() && current.isPresent() && !published.get().equalsIgnoreCase(current.get().publicKeyHex())) {
            boolean rotatedAway = party.signingKeyRotations().stream()
                    .anyMatch(step -> step.previous().equalsIgnoreCase(current.get().publicKeyHex()));
            if (rotatedAway) {
                throw new KeyException("the signing key in key file " + loaded.sourceOfCurrentSigningKey().orElseThrow()
                        + " is an older signing key of '" + party.id() + "': its keys were rotated; pass the new key file "
                        + "first and the old one after it (--key NEW --key OLD)");
            }
            throw new KeyException("the signing key in key file " + loaded.sourceOfCurrentSigningKey().orElseThrow()
                    + " is not the one healthcare party '" + party.id() + "' publishes in dataset " + file.path()
                    + " (medcryptSigningKey): pass the signing key of '" + party.id() + "' with --key (or check --as); "
                    + "if it is that key, someone changed the published one. Signing with another key would replace the "
                    + "published one, and readers would refuse the pair keys signed before");
        }
    }

    /** A pin must name a party of the dataset; a pin that differs from the published key gets a note. */
    private static void checkPins(TrustOptions trust, EntityStore store, OpenStore file, PrintWriter err) {
        trust.pinnedSigningKeys.forEach((id, pinned) -> {
            HealthcareParty pinnedParty = store.party(id).orElseThrow(() -> new NotFoundException(
                    "healthcare party '" + id + "' is not in dataset " + file.path() + ": check --pin-signing-key " + id + "=…"));
            pinnedParty.signingKey().filter(published -> !published.equalsIgnoreCase(pinned)).ifPresent(published ->
                    err.println("medcrypt: note: dataset " + file.path() + " publishes another signing key for '" + id
                            + "' than the one pinned: its pair keys are checked with the pinned key only, and those "
                            + "signed with the published one are not used"));
        });
    }

    /**
     * Runs an operation that may need a new pair key; when it fails for want of a signing key,
     * says how to give one on this command line.
     */
    <T> T creatingPairKeys(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (KeyException e) {
            if (keys.currentSigningKey().isPresent() || e.getMessage() == null || !e.getMessage().contains("signing key")) {
                throw e;
            }
            throw new KeyException("'" + me() + "' has no signing key, and this needs a new pair key (medcrypt shares "
                    + "only under pair keys their owner signed): add --key with the Ed25519 signing key of '" + me()
                    + "' (ID.key from 'medcrypt keygen' holds one; for an RSA key made by iCure's SDK, make one with "
                    + "'medcrypt keygen --signing-only --id " + me() + " --out DIR' and pass DIR/" + me()
                    + ".signing.key), or, only if the pair key already in the dataset was made by iCure's SDK, pass "
                    + "--trust-unsigned-pair-keys", e);
        }
    }

    /** A note on stderr for {@code share} and {@code create} when unsigned pair keys are trusted. */
    void noteTrust(PrintWriter err) {
        if (trust.trustUnsignedPairKeys) {
            err.println("medcrypt: note: --trust-unsigned-pair-keys: unsigned v1 pair keys in the dataset may be used; "
                    + "anyone who can write the dataset can plant one and read what is shared under it");
        }
    }

    /** The party's keys as given with {@code --key} (for the commands that act on keys themselves). */
    DataOwnerKeys keys() {
        return keys;
    }

    /** Whether a signing key was given with {@code --key}. */
    boolean hasSigningKey() {
        return keys.currentSigningKey().isPresent();
    }

    DelegationService service() {
        return service;
    }

    EntityStore store() {
        return file.store();
    }

    /** Where the documents are ({@code path()} for messages) and how changes are made durable ({@code write}). */
    OpenStore file() {
        return file;
    }

    String me() {
        return service.dataOwnerId();
    }

    /** The entity with this id, of any type; a {@link NotFoundException} if there is none. */
    EncryptableEntity<?> entity(String id) {
        List<EncryptableEntity<?>> found = new ArrayList<>();
        for (EntityType type : EntityType.values()) {
            store().entity(type, id).ifPresent(found::add);
        }
        if (found.isEmpty()) {
            throw new NotFoundException("no patient, contact, form or health element has id '" + id
                    + "' in dataset " + file.path() + ": check the id");
        }
        if (found.size() > 1) {
            throw new org.medcrypt.FormatException("id '" + id + "' names " + found.size()
                    + " entities of different types in dataset " + file.path() + "; medcrypt needs ids to be unique");
        }
        return found.get(0);
    }

    /** The entity of this type and id; a {@link NotFoundException} naming the option to check. */
    EncryptableEntity<?> entity(EntityType type, String id, String option) {
        return store().entity(type, id).orElseThrow(() -> new NotFoundException("no " + describe(type) + " has id '"
                + id + "' in dataset " + file.path() + ": check " + option));
    }

    /**
     * True if this party can read the entity; false if the entity is not shared with it at all.
     *
     * @throws DecryptionFailedException if the entity is addressed to this party but its keys
     *     do not open (modified data, or keys that are not this party's)
     */
    boolean readable(EncryptableEntity<?> entity) {
        if (service.canRead(entity)) {
            return true;
        }
        String me = me();
        boolean addressed = entity.allDelegations(DelegationKind.DELEGATIONS).stream()
                .anyMatch(d -> d.delegatedTo().equals(me) || d.owner().equals(me));
        if (addressed) {
            throw new DecryptionFailedException(describe(entity));
        }
        return false;
    }

    /** Like {@link #readable}, but an entity not shared with this party is an access error. */
    void requireReadable(EncryptableEntity<?> entity) {
        if (!readable(entity)) {
            throw new AccessDeniedException("'" + me() + "' has no access to " + describe(entity)
                    + ": a party that has access must share it with '" + me() + "'");
        }
    }

    /** The decrypted view: {@code toJson()} is the document with the fields of {@code encryptedSelf} merged in. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    DecryptedEntity<?> decrypted(EncryptableEntity<?> entity) {
        return (DecryptedEntity<?>) service.decrypt((EncryptableEntity) entity);
    }

    /** {@code {"patients": [], "contacts": [], "forms": [], "healthElements": []}}. */
    static ObjectNode emptyResult() {
        ObjectNode result = MedcryptJson.nodes().objectNode();
        for (EntityType type : EntityType.values()) {
            result.putArray(type.collection());
        }
        return result;
    }

    static void add(ObjectNode result, EntityType type, ObjectNode document) {
        ((ArrayNode) result.get(type.collection())).add(document);
    }

    /**
     * What a reader should know of how each entity was read, for the output's {@code "encryption"}
     * list: {@code {"type": "contact", "id": "4567", "suite": "V1_ICURE", "unsignedPairKey": true}}
     * ({@code suite} is null for an entity without {@code encryptedSelf}).
     */
    static ObjectNode readInfo(DecryptedEntity<?> entity) {
        ObjectNode info = MedcryptJson.nodes().objectNode();
        info.put("type", typeName(entity.encrypted().type()));
        info.put("id", entity.id());
        if (entity.suite().isPresent()) {
            info.put("suite", entity.suite().get().name());
        } else {
            info.putNull("suite");
        }
        info.put("unsignedPairKey", entity.readUnderUnsignedPairKey());
        // who wrote the content key, and how its pair key was vouched for: own, pinned, published, unsigned
        entity.contentKeyOwner().ifPresentOrElse(owner -> info.put("contentKeyFrom", owner), () -> info.putNull("contentKeyFrom"));
        entity.provenance().ifPresentOrElse(p -> info.put("provenance", p.name().toLowerCase(java.util.Locale.ROOT)),
                () -> info.putNull("provenance"));
        return info;
    }

    /**
     * One line on stderr naming the entities read under unsigned v1 pair keys, if any: their data
     * is only as authentic as whoever can write the dataset is honest.
     */
    static void noteUnsigned(List<DecryptedEntity<?>> read, PrintWriter err) {
        List<String> unsigned = read.stream().filter(DecryptedEntity::readUnderUnsignedPairKey)
                .map(entity -> describe(entity.encrypted())).toList();
        if (!unsigned.isEmpty()) {
            err.println("medcrypt: note: read under unsigned v1 pair keys (made by iCure's SDK, or planted by whoever "
                    + "can write the dataset; such data is only as authentic as the store is honest): "
                    + String.join(", ", unsigned));
        }
    }

    /** The type as {@code create --type} and the output's {@code "encryption"} list spell it. */
    static String typeName(EntityType type) {
        return switch (type) {
            case PATIENT -> "patient";
            case CONTACT -> "contact";
            case FORM -> "form";
            case HEALTH_ELEMENT -> "healthElement";
        };
    }

    static String describe(EncryptableEntity<?> entity) {
        return describe(entity.type()) + " '" + entity.id() + "'";
    }

    static String describe(EntityType type) {
        return type.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

}
