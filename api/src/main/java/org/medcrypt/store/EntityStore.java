package org.medcrypt.store;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.medcrypt.keys.KeyFingerprint;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.EntityType;
import org.medcrypt.model.HealthcareParty;
import org.medcrypt.model.Patient;

/**
 * Where healthcare parties and encrypted entities live. medcrypt reads parties from it to find
 * public keys and pair keys, finds a patient's children by secret foreign key, and writes back
 * what sharing changes. Every implementation passes the {@code store-conformance} kit.
 *
 * <h2>Revisions</h2>
 * Every save gives the saved document a new revision token in its {@code rev} field
 * ({@link EncryptableEntity#rev()}, {@link HealthcareParty#rev()}; see {@link Revisions}): the
 * store is the authority, the revision a saved document carries is replaced. Reads return
 * documents with the revision they are stored at. A document without revision was never saved
 * by a store: new, or read from a file that keeps none (a store may hold such a document only if
 * it loaded it as it was, as {@link InMemoryEntityStore#loaded} does).
 *
 * <h2>Updates</h2>
 * {@link #apply} is the only write: atomic (every document saved or none, e.g. a share with
 * cascade), isolated (concurrent applies behave as if one ran after the other) and conditional
 * on revisions ({@link StoreUpdate}). A refused update changes nothing. The other writes are
 * shortcuts to it.
 *
 * <h2>Reads</h2>
 * The look-ups are indexed: their cost grows with what they return, not with the store. The
 * {@code scan…} methods read everything, for export and audit only; never on a path that runs
 * per request. Streams may hold resources (a database cursor, a connection): close them, e.g.
 * with try-with-resources. Each look-up reads as of one moment (never half of an update; a
 * stream may be read in pages, each of which does). Ids are compared exactly (case-sensitive). Unless said otherwise, a
 * look-up returns documents in no particular order, each once.
 *
 * <h2>Documents</h2>
 * A store keeps every field of a document, known or not, and gives it back as the same JSON as
 * was saved, apart from the {@code rev} it assigned: the same members with the same values, where
 * a number may come back in another notation of the same value ({@code 1E+2} as {@code 100}, as
 * PostgreSQL's {@code jsonb} does) and members in another order. Two reads of one stored revision
 * are {@code equals}.
 */
public interface EntityStore {

    // ------------------------------------------------------------------ parties

    /** The party with this id, if stored. */
    Optional<HealthcareParty> party(String id);

    /**
     * The stored parties among {@code ids}, by id, in the order of {@code ids} (ids not stored
     * are left out; a repeated id appears once), as of one moment: never half of an update. One
     * round trip for a database store.
     */
    Map<String, HealthcareParty> parties(Collection<String> ids);

    /**
     * The parties that list a public key with this fingerprint as their own: their
     * {@code publicKey}, or an owner key of their {@code aesExchangeKeys} (older keys after a
     * rotation). A key shorter than a fingerprint is not indexed. Usually one party.
     */
    List<HealthcareParty> partiesByKeyFingerprint(KeyFingerprint fingerprint);

    /**
     * The parties (other than, or including, {@code delegateId} itself) whose document holds a pair
     * key with {@code delegateId}: {@code hcPartyKeys[delegateId]},
     * {@code aesExchangeKeys[*][delegateId]} or {@code medcryptPairKeys[delegateId]}. This is
     * where {@code delegateId} finds the keys wrapped for it.
     */
    List<HealthcareParty> pairKeyOwnersFor(String delegateId);

    /**
     * Every party, in the order they were first saved (a replaced document keeps its place; one
     * deleted and saved again comes last).
     * A scan: for export and audit. Close the stream.
     */
    Stream<HealthcareParty> scanParties();

    // ------------------------------------------------------------------ entities

    /** The entity of this type and id, if stored. */
    Optional<EncryptableEntity<?>> entity(EntityType type, String id);

    /**
     * The stored entities of {@code type} among {@code ids}, by id, in the order of {@code ids}
     * (ids not stored are left out; a repeated id appears once), as of one moment: never half of
     * an update. One round trip for a database store.
     */
    Map<String, EncryptableEntity<?>> entities(EntityType type, Collection<String> ids);

    /**
     * Entities of {@code type} whose {@code secretForeignKeys} contain {@code secretForeignKey}:
     * a patient's children, as the scheme's reader "queries the database". Indexed.
     */
    List<EncryptableEntity<?>> bySecretForeignKey(EntityType type, String secretForeignKey);

    /**
     * Whether any entity of {@code type} lists {@code secretForeignKey}: {@link #bySecretForeignKey}
     * without reading the documents (a patient with a thousand contacts costs one index probe).
     * The default reads them; a store overrides it with an existence query.
     */
    default boolean hasSecretForeignKey(EntityType type, String secretForeignKey) {
        return !bySecretForeignKey(type, secretForeignKey).isEmpty();
    }

    /**
     * Entities of {@code type} that list {@code delegateId} as a delegate in any of their
     * delegation maps ({@code delegations}, {@code encryptionKeys}, {@code cryptedForeignKeys}):
     * what is shared with it. Indexed, streamed: close the stream.
     */
    Stream<EncryptableEntity<?>> sharedWith(EntityType type, String delegateId);

    /**
     * Every entity of a type, in the order they were first saved (a replaced document keeps its
     * place; one deleted and saved again comes last). A scan: for export and audit. Close the stream.
     */
    Stream<EncryptableEntity<?>> scanEntities(EntityType type);

    // ------------------------------------------------------------------ writing

    /**
     * Applies {@code update} atomically: if every expectation holds (revisions compared, see
     * {@link StoreUpdate}), saves every document, each with a new revision, deletes the
     * deletions, and returns the saved documents; otherwise changes nothing and returns the
     * conflicts.
     *
     * @throws org.medcrypt.MedcryptException if the store cannot be reached or written (nothing
     *     was saved)
     */
    UpdateResult apply(StoreUpdate update);

    /** Adds or replaces parties and entities, all at once, unconditionally; returns them as saved. */
    default UpdateResult saveAll(Collection<HealthcareParty> parties, Collection<? extends EncryptableEntity<?>> entities) {
        StoreUpdate.Builder update = StoreUpdate.builder();
        parties.forEach(update::save);
        entities.forEach(update::save);
        return apply(update.build());
    }

    /** The patient with this id, if stored. */
    default Optional<Patient> patient(String id) {
        return entity(EntityType.PATIENT, id).map(Patient.class::cast);
    }

    /** Adds or replaces one party, unconditionally; returns it as saved (with its new revision). */
    default HealthcareParty saveParty(HealthcareParty party) {
        return saveAll(List.of(party), List.of()).saved(party);
    }

    /** Adds or replaces one entity, unconditionally; returns it as saved (with its new revision). */
    default EncryptableEntity<?> save(EncryptableEntity<?> entity) {
        return saveAll(List.of(), List.of(entity)).entity(entity.type(), entity.id()).orElseThrow();
    }
}
