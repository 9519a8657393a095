package org.medcrypt.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
import org.medcrypt.store.InMemoryEntityStore;

/**
 * One healthcare party working on one dataset file with its private keys: what {@code decrypt},
 * {@code contacts-of}, {@code patient-of} and {@code share} start from.
 *
 * <p>Before anything is decrypted, the keys are checked against the dataset with
 * {@link KeyOwnership}: at least one given key must be a key of the party (so that someone else's
 * key fails clearly instead of showing nothing); other keys are tried too, with a note.
 */
final class PartySession {

    private final DatasetFile file;
    private final DelegationService service;

    private PartySession(DatasetFile file, DelegationService service) {
        this.file = file;
        this.service = service;
    }

    static PartySession open(PartyOptions options, CryptoProvider provider, PrintWriter err) {
        DatasetFile file = DatasetFile.read(options.dataset);
        InMemoryEntityStore store = file.store();
        String me = options.partyId;
        HealthcareParty party = store.party(me).orElseThrow(() -> new NotFoundException(
                "healthcare party '" + me + "' is not in dataset " + file.path() + " (it has: "
                        + store.parties().stream().map(HealthcareParty::id).collect(Collectors.joining(", "))
                        + "): check --as, or register the party with 'medcrypt add-party'"));
        List<byte[]> pkcs8 = KeyFiles.readPrivateKeys(options.keyFiles);
        DataOwnerKeys keys;
        try {
            keys = DataOwnerKeys.fromPkcs8(me, provider, pkcs8);
        } catch (KeyException e) {
            throw new KeyException(e.getMessage() + " (key files in order: " + options.keyFiles + ")");
        } finally {
            KeyFiles.wipe(pkcs8);
        }
        checkKeysBelongTo(party, store, keys, options.keyFiles, err);
        DelegationService service = DelegationService.builder()
                .provider(provider)
                .store(store)
                .dataOwner(keys)
                .build();
        return new PartySession(file, service);
    }

    /** Someone else's key fails clearly (see {@link KeyOwnership}); an extra unknown key gets a note. */
    private static void checkKeysBelongTo(HealthcareParty party, InMemoryEntityStore store, DataOwnerKeys keys,
            List<Path> files, PrintWriter err) {
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
            err.println("medcrypt: note: key file " + files.get(keys.keyPairs().indexOf(pair))
                    + " matches no public key of '" + me + "' in the dataset; it is tried anyway");
        }
    }

    DelegationService service() {
        return service;
    }

    InMemoryEntityStore store() {
        return file.store();
    }

    DatasetFile file() {
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

    /** The decrypted document: the fields of {@code encryptedSelf} merged in. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    ObjectNode decrypted(EncryptableEntity<?> entity) {
        return ((DecryptedEntity<?>) service.decrypt((EncryptableEntity) entity)).toJson();
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

    static String describe(EncryptableEntity<?> entity) {
        return describe(entity.type()) + " '" + entity.id() + "'";
    }

    static String describe(EntityType type) {
        return type.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

}
