package org.medcrypt.agility;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.medcrypt.ConflictException;
import org.medcrypt.KeyException;
import org.medcrypt.MedcryptException;
import org.medcrypt.internal.format.WireFormat;
import org.medcrypt.internal.sharing.ReadValue;
import org.medcrypt.internal.sharing.SharingAccess;
import org.medcrypt.internal.sharing.SharingInternals;
import org.medcrypt.model.Delegation;
import org.medcrypt.model.DelegationKind;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.EntityType;
import org.medcrypt.sharing.DelegationService;
import org.medcrypt.spi.Suite;
import org.medcrypt.store.EntityStore;

/**
 * Moves the entities one data owner can read from iCure's v1 format to medcrypt's authenticated
 * v2, in one atomic write.
 *
 * <p>For every entity that still holds v1 (values, or {@code encryptedSelf}) and that the owner
 * can read, it writes, for every delegate the entity lists (and for the owner), new v2 entries
 * under the owner's signed v2 pair key with that delegate (created when missing): a <b>new</b>
 * 256-bit content key with {@code encryptedSelf} re-encrypted under it (v1 content keys are UUIDs,
 * 122 random bits, and v2 takes 256), the secret id — a <b>new</b> 256-bit one when the entity had
 * only v1 ones, for the same reason, its children's {@code secretForeignKeys} then carry the new
 * one (a clear search tag: readable or not, nothing encrypted in them changes) — and the parent id.
 * The entries are all written by this owner; the v1 ones are removed (entries of other owners that
 * this owner cannot open included: they held the same values).
 *
 * <p><b>{@link #keepingV1()}</b> keeps every v1 entry and the v1 {@code encryptedSelf} as they
 * are, so that iCure's SDK and clients not upgraded yet read the entity exactly as before; the v2
 * content goes into a second field ({@link SharingInternals#V2_COPY_FIELD}), which medcrypt readers
 * holding a v2 content key read instead of the v1 one; children keep the old secret id beside the
 * new one. The kept v1 values are still v1: unauthenticated, and debt. While both copies exist,
 * a client that is not upgraded and changes the entity changes the v1 copy only; medcrypt readers
 * keep seeing the v2 copy. A later run without {@code keepingV1()} removes the v1 entries and
 * moves the content into {@code encryptedSelf}.
 *
 * <p><b>A party re-grants only access it granted itself.</b> The store can list anyone as a delegate
 * (one entry in a map), and a migration writes the new keys for every delegate listed. So an entity
 * is migrated only if its content key was written by this owner and every delegate it lists has an
 * entry this owner wrote for it, opening under a pair key this owner may share under (the test of
 * sharing: signed by it, checked with its own signing key, or an unsigned v1 key when the caller
 * trusts unsigned pair keys — needed for data iCure's SDK made). Otherwise it is skipped, the reason
 * naming the delegates this owner did not grant and who did, or the content key's writer: a
 * migration neither shares with a party someone else listed nor re-attributes another party's
 * content (possibly a party the store invented) to this owner.
 *
 * <p><b>Never damaging.</b> An entity the owner cannot read is skipped and reported, not changed
 * (except a clear secret-foreign-key tag, above). So is one that another party holds under its own
 * pair key (an entry it wrote for itself: typically its creator), which that party migrates: this
 * owner cannot write that entry, and would otherwise lower how that party vouches for the entity. A delegate no v2 pair key can be had with
 * (unknown party, public key not vouched for by its signing key…) is reported, and every entity
 * listing it is skipped, so it keeps the access it had. Every party that could read an entity can
 * read it afterwards, with the same content.
 *
 * <p><b>Idempotent, resumable, atomic.</b> Everything is computed from the stored documents, then
 * saved in one {@link EntityStore#apply} that lands only if they are all unchanged (else it starts
 * again, then {@link ConflictException}); a failure changes nothing. A second run finds nothing to
 * do and writes nothing. After an interruption or skipped entities, run it again (as this or
 * another party) to do the rest.
 *
 * <p>Immutable; {@link #run()} may be called again.
 */
public final class Migration {

    private final DelegationService service;
    private final boolean keepV1;
    private final boolean dryRun;

    private Migration(DelegationService service, boolean keepV1, boolean dryRun) {
        this.service = service;
        this.keepV1 = keepV1;
        this.dryRun = dryRun;
    }

    /** A migration to v2 of what {@code service}'s data owner can read, in its store, with its keys and trust settings. */
    public static Migration toV2(DelegationService service) {
        return new Migration(Objects.requireNonNull(service, "service"), false, false);
    }

    /** The same migration, keeping v1 entries and the v1 {@code encryptedSelf} for clients not upgraded yet. */
    public Migration keepingV1() {
        return new Migration(service, true, dryRun);
    }

    /** The same migration, computing everything (pair keys included) but writing nothing. */
    public Migration dryRun() {
        return new Migration(service, keepV1, true);
    }

    /**
     * Migrates; see the class comment.
     *
     * @throws KeyException if there is something to migrate but this owner cannot have a v2 pair key
     *     with itself (no signing key loaded, say): nothing is changed
     * @throws ConflictException if the store kept changing while it ran (nothing is changed)
     */
    public MigrationResult run() {
        EntityStore store = service.store();
        return RewriteBatch.untilApplied(store, attempt -> plan(store), () -> "the dataset");
    }

    private RewriteBatch.Planned<MigrationResult> plan(EntityStore store) {
        SharingInternals internals = SharingAccess.of(service);
        WireFormat v2 = internals.formats().of(Suite.V2_GCM_OAEP256);
        String me = service.dataOwnerId();
        PairKeysForRun keys = new PairKeysForRun(internals.pairKeys());
        RewriteBatch batch = new RewriteBatch(store);
        List<EntityRef> migrated = new ArrayList<>();
        List<EntityRef> alreadyV2 = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        Map<String, int[]> perDelegate = new LinkedHashMap<>();
        Map<String, String> delegateFailures = new LinkedHashMap<>();
        for (EntityType type : EntityType.values()) {
            for (EncryptableEntity<?> entity : StoreScans.entities(store, type)) {
                if (isDone(entity, internals)) {
                    alreadyV2.add(EntityRef.of(entity));
                    continue;
                }
                EntityReading reading;
                try {
                    reading = EntityReading.read(service, internals, entity);
                } catch (MedcryptException e) {
                    skipped.add(new Skipped(EntityRef.of(entity), EntityReading.reason(e, me)));
                    continue;
                }
                Optional<String> heldByOther = EntityReading.heldForItselfByAnother(entity, Set.of(me));
                if (heldByOther.isPresent()) {
                    skipped.add(new Skipped(EntityRef.of(entity), "'" + heldByOther.get() + "' holds it under its own pair "
                            + "key: '" + heldByOther.get() + "' migrates it (replacing that entry with one from '" + me
                            + "' would lower how '" + heldByOther.get() + "' can vouch for it)"));
                    continue;
                }
                keys.get(v2, me); // throws if this owner cannot write v2 at all (no signing key): nothing to report per entity
                Set<String> delegates = EntityReading.delegates(entity);
                Optional<String> notGranted = EntityReading.notGrantedBy(me, internals, reading, delegates);
                if (notGranted.isPresent()) {
                    skipped.add(new Skipped(EntityRef.of(entity), notGranted.get().replace("' re-keys it (", "' migrates it (")));
                    continue;
                }
                delegates.add(me);
                Optional<String> unavailable = Optional.empty();
                for (String delegate : delegates) {
                    perDelegate.computeIfAbsent(delegate, d -> new int[1]);
                    Optional<MedcryptException> failure = keys.failureFor(v2, delegate);
                    if (failure.isPresent()) {
                        delegateFailures.putIfAbsent(delegate, failure.get().getMessage());
                        unavailable = unavailable.or(() -> Optional.of("no v2 pair key can be had with '" + delegate
                                + "' (" + failure.get().getMessage() + "); '" + delegate + "' keeps its v1 access"));
                    }
                }
                if (unavailable.isPresent()) {
                    skipped.add(new Skipped(EntityRef.of(entity), unavailable.get()));
                    continue;
                }
                batch.replace(entity, migrate(reading, delegates, internals, v2, keys, batch));
                migrated.add(EntityRef.of(entity));
                delegates.forEach(delegate -> perDelegate.get(delegate)[0]++);
            }
        }
        Map<String, DelegateOutcome> outcomes = new LinkedHashMap<>();
        Set<String> created = keys.createdWith();
        perDelegate.forEach((delegate, count) -> outcomes.put(delegate, new DelegateOutcome(delegate,
                delegateFailures.containsKey(delegate) ? 0 : count[0], created.contains(delegate),
                Optional.ofNullable(delegateFailures.get(delegate)))));
        MigrationResult result = new MigrationResult(migrated, alreadyV2, skipped, batch.relinkedOnly(migrated), outcomes,
                !dryRun && !batch.isEmpty(), keepV1);
        if (dryRun || batch.isEmpty()) {
            return RewriteBatch.Planned.nothingToWrite(result);
        }
        org.medcrypt.store.StoreUpdate.Builder update = batch.update();
        keys.addTo(update, me);
        return new RewriteBatch.Planned<>(result, update, keys::remember);
    }

    /**
     * Whether the entity needs nothing. Without keeping v1: no v1 value, no v1 {@code encryptedSelf}
     * and no v2 copy. Keeping v1: every delegate has a v2 entry in every map the entity uses, and
     * its content is v2 (in {@code encryptedSelf} or in the copy).
     */
    private boolean isDone(EncryptableEntity<?> entity, SharingInternals internals) {
        Optional<String> encryptedSelf = entity.encryptedSelf();
        boolean contentIsV2 = encryptedSelf.isEmpty() || isV2(encryptedSelf.get(), internals);
        Optional<JsonNode> copy = entity.field(SharingInternals.V2_COPY_FIELD);
        if (!keepV1) {
            if (!contentIsV2 || copy.isPresent()) {
                return false;
            }
            for (Delegation entry : EntityReading.allEntries(entity)) {
                if (!isV2(entry.key(), internals)) {
                    return false;
                }
            }
            return true;
        }
        if (!contentIsV2 && !(copy.isPresent() && copy.get().isTextual() && isV2(copy.get().asText(), internals))) {
            return false;
        }
        for (String delegate : EntityReading.delegates(entity)) {
            for (DelegationKind kind : DelegationKind.values()) {
                if (kind == DelegationKind.CRYPTED_FOREIGN_KEYS && entity.cryptedForeignKeys().isEmpty()) {
                    continue;
                }
                boolean hasV2 = false;
                for (Delegation entry : entity.delegationMap(kind).getOrDefault(delegate, List.of())) {
                    hasV2 |= isV2(entry.key(), internals);
                }
                if (!hasV2) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean isV2(String value, SharingInternals internals) {
        return internals.formats().ofValue(value).suite() == Suite.V2_GCM_OAEP256;
    }

    /** The migrated entity; children carrying its v1 secret ids are relinked in {@code batch}. */
    private EncryptableEntity<?> migrate(EntityReading reading, Set<String> delegates, SharingInternals internals,
            WireFormat v2, PairKeysForRun keys, RewriteBatch batch) {
        EncryptableEntity<?> entity = reading.entity;
        String me = service.dataOwnerId();
        String secretId = null;
        for (ReadValue value : reading.secretIds) {
            if (value.format() == v2) {
                secretId = value.value(); // children already carry it
                break;
            }
        }
        if (secretId == null) {
            secretId = v2.newEntityKey();
        }
        Set<String> oldSecretIds = new LinkedHashSet<>();
        for (ReadValue value : reading.secretIds) {
            if (value.format() != v2) {
                oldSecretIds.add(value.value());
            }
        }
        String contentKey = v2.newEntityKey();
        // with the new secretForeignKeys a parent's migration gave it, if any: one copy of the document
        EntityRewrite rewrite = new EntityRewrite(batch.current(entity), me);
        batch.relinkedKeysOf(entity).ifPresent(rewrite::secretForeignKeys);
        delegates.forEach(rewrite::listDelegate);
        if (keepV1) {
            for (DelegationKind kind : DelegationKind.values()) {
                for (Delegation entry : entity.allDelegations(kind)) {
                    if (!isV2(entry.key(), internals)) {
                        rewrite.keep(kind, entry);
                    }
                }
            }
        }
        for (String delegate : delegates) {
            rewrite.write(v2, keys.get(v2, delegate), delegate, secretId, contentKey, reading.parentIds);
        }
        if (reading.content.isPresent()) {
            boolean mainIsV1 = entity.encryptedSelf().map(text -> !isV2(text, internals)).orElse(false);
            if (keepV1 && mainIsV1) {
                rewrite.v2Copy(v2, contentKey, reading.content.get());
            } else {
                rewrite.encryptedSelf(v2, contentKey, reading.content.get());
                rewrite.removeV2Copy();
            }
        } else {
            rewrite.removeV2Copy();
        }
        EncryptableEntity<?> migrated = rewrite.build();
        for (String old : oldSecretIds) {
            batch.relink(old, secretId, keepV1);
        }
        return migrated;
    }
}
