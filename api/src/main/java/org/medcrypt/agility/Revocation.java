package org.medcrypt.agility;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.medcrypt.AccessDeniedException;
import org.medcrypt.ConflictException;
import org.medcrypt.DecryptionFailedException;
import org.medcrypt.KeyException;
import org.medcrypt.MedcryptException;
import org.medcrypt.NotFoundException;
import org.medcrypt.internal.format.WireFormat;
import org.medcrypt.internal.sharing.ReadValue;
import org.medcrypt.internal.sharing.SharingAccess;
import org.medcrypt.internal.sharing.SharingInternals;
import org.medcrypt.model.Delegation;
import org.medcrypt.model.DelegationKind;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.EntityType;
import org.medcrypt.model.Patient;
import org.medcrypt.sharing.DelegationService;
import org.medcrypt.spi.Suite;
import org.medcrypt.store.EntityStore;

/**
 * Takes a delegate's access to an entity away, for what is written from now on: removes every
 * entry for it (and every entry it wrote) and re-keys the entity — a new content key with
 * {@code encryptedSelf} re-encrypted under it, a new secret id, and new entries, written by this
 * owner, for every remaining delegate, each in the format(s) it had (so a v1 entity stays readable
 * by iCure's SDK). A revoked party that kept its old pair keys, old content key and old secret id
 * opens nothing written after the revocation: the new keys are random and sent only under pair
 * keys of this owner with the remaining delegates.
 *
 * <p>Delegates that had access only through the revoked party (every entry for them written by it,
 * or by another party removed with it: a party of its own it shared with, an entry for a party that
 * does not exist) are removed with it ({@link RevocationResult#alsoRemoved()}).
 *
 * <p><b>The secret id is renewed too.</b> It encrypts nothing, but children carry it in clear.
 * Renewing it helps only against a revoked party that cannot observe the documents in the store (it
 * cannot ask for the children written later by the old id); one that can (or the store) sees the new
 * id on children it already knows. The children this owner re-keys or reads get the new one instead
 * (a clear search tag; nothing encrypted in them changes), so every remaining delegate still finds
 * them; children it cannot read keep the old one — re-tagging them would hand the new id to whoever
 * reads them, the revoked party's own contacts first — and are no longer found from the patient by
 * the new id.
 *
 * <p><b>What it cannot do</b>: take back what the delegate has already read or copied; change old
 * revisions, backups or replicas of the document that a store keeps (they open with the old keys);
 * re-key children this owner cannot read (reported as skipped: the delegate keeps that access);
 * hide the entity's id, type, size and who still shares it, which the store shows everyone; stop
 * a remaining delegate from sharing it with the revoked party again.
 *
 * <p>A party that can read an entity may revoke another delegate's access to it, re-granting only
 * access it granted itself: the content key must be one it wrote, and every remaining delegate must
 * have an entry it wrote, under a pair key it may share under (signed by it, or an unsigned v1 key
 * when the caller trusts them); otherwise it is refused ({@link AccessDeniedException} naming those
 * delegates and who granted them; with a cascade, such a child is skipped), since re-keying would
 * give the new keys to a delegate someone else listed — and also unless a remaining party holds
 * the entity under its own pair key (an entry it wrote for itself: typically its creator), which
 * then revokes it itself: re-keyed by another, it would read its own entity under that other's
 * pair key and stop finding its own children by it. Afterwards the remaining delegates read the
 * entity under the revoking party's pair keys. One atomic write, like sharing: a failure changes
 * nothing. Immutable.
 */
public final class Revocation {

    private static final List<EntityType> CHILD_TYPES =
            List.of(EntityType.CONTACT, EntityType.FORM, EntityType.HEALTH_ELEMENT);

    private final DelegationService service;

    private Revocation(DelegationService service) {
        this.service = service;
    }

    /** Revocations by {@code service}'s data owner, in its store, with its keys and trust settings. */
    public static Revocation by(DelegationService service) {
        return new Revocation(Objects.requireNonNull(service, "service"));
    }

    /**
     * Revokes {@code delegateId}'s access to {@code entity}; see the class comment. Nothing to do
     * (the delegate has no entry) is reported in {@link RevocationResult#notShared()}.
     *
     * @throws IllegalArgumentException if {@code delegateId} is this owner
     * @throws AccessDeniedException if this owner cannot read the entity (and so cannot re-key it),
     *     another remaining party holds it under its own pair key (that party revokes it), its content
     *     key is another party's, or a remaining delegate was not given access by this owner
     * @throws DecryptionFailedException if its keys or content do not open for this owner
     * @throws KeyException if a pair key with a remaining delegate is needed and cannot be made
     * @throws NotFoundException if the entity is not in the store
     * @throws ConflictException if the store kept changing while it ran
     */
    public RevocationResult revoke(EncryptableEntity<?> entity, String delegateId) {
        return run(entity, delegateId, false);
    }

    /**
     * Revokes {@code delegateId}'s access to a patient and to every contact, form and health
     * element of it that this owner can read (found by the patient's secret ids, each checked by
     * its decrypted parent id). Children this owner cannot read are reported in
     * {@link RevocationResult#skipped()}.
     */
    public RevocationResult revokeWithCascade(Patient patient, String delegateId) {
        return run(patient, delegateId, true);
    }

    private RevocationResult run(EncryptableEntity<?> entity, String delegateId, boolean cascade) {
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(delegateId, "delegateId");
        String me = service.dataOwnerId();
        if (delegateId.equals(me)) {
            throw new IllegalArgumentException("'" + me + "' cannot revoke its own access: another party that can read "
                    + "the entity must revoke it");
        }
        EntityStore store = service.store();
        EntityRef ref = EntityRef.of(entity);
        return RewriteBatch.untilApplied(store, attempt -> {
            EncryptableEntity<?> current = store.entity(ref.type(), ref.id()).orElseThrow(() ->
                    new NotFoundException(ref + " is not in the store"));
            return plan(store, current, delegateId, cascade);
        }, () -> ref + (cascade ? " or its children" : ""));
    }

    private RewriteBatch.Planned<RevocationResult> plan(EntityStore store, EncryptableEntity<?> entity, String revoked,
            boolean cascade) {
        SharingInternals internals = SharingAccess.of(service);
        PairKeysForRun keys = new PairKeysForRun(internals.pairKeys());
        RewriteBatch batch = new RewriteBatch(store);
        List<EntityRef> rekeyed = new ArrayList<>();
        List<EntityRef> notShared = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        List<EncryptableEntity<?>> targets = new ArrayList<>();
        Map<String, String> alsoRemoved = new LinkedHashMap<>();
        Set<String> remaining = new LinkedHashSet<>();
        Map<String, String> renewedSecretIds = new LinkedHashMap<>();
        EntityReading.read(service, internals, entity); // the entity itself must be readable: else an error
        String me = service.dataOwnerId();
        targets.add(entity);
        if (cascade) {
            Patient patient = (Patient) entity;
            Set<String> children = new LinkedHashSet<>();
            for (EntityType type : CHILD_TYPES) {
                for (EncryptableEntity<?> child : service.childrenOf(patient, type)) {
                    children.add(type + "/" + child.id());
                    targets.add(child);
                }
            }
            for (String secretId : service.secretForeignKeys(patient)) {
                for (EntityType type : CHILD_TYPES) {
                    for (EncryptableEntity<?> candidate : store.bySecretForeignKey(type, secretId)) {
                        if (!children.contains(type + "/" + candidate.id()) && mentions(candidate, revoked)) {
                            children.add(type + "/" + candidate.id());
                            skipped.add(new Skipped(EntityRef.of(candidate), service.canRead(candidate)
                                    ? "its parent id, as '" + me + "' reads it, is not this patient"
                                    : "not readable by '" + me + "', so it cannot be re-keyed: '" + revoked
                                            + "' keeps its access to it (and it keeps the patient's old secret id)"));
                        }
                    }
                }
            }
        }
        for (EncryptableEntity<?> target : targets) {
            boolean main = target == entity;
            if (!mentions(target, revoked)) {
                notShared.add(EntityRef.of(target));
                continue;
            }
            Map<String, String> removed = removedWith(target, revoked, me);
            Set<String> except = new LinkedHashSet<>(removed.keySet());
            except.add(me);
            Optional<String> heldBy = EntityReading.heldForItselfByAnother(target, except);
            if (heldBy.isPresent()) {
                if (main) {
                    throw new AccessDeniedException("'" + heldBy.get() + "' holds " + EntityRef.of(target) + " under its own pair "
                            + "key: '" + heldBy.get() + "' must revoke '" + revoked + "' (re-keyed by '" + me + "', '"
                            + heldBy.get() + "' would read it under '" + me + "''s pair key and no longer find its own children by it)");
                }
                skipped.add(new Skipped(EntityRef.of(target), "'" + heldBy.get() + "' holds it under its own pair key: '"
                        + heldBy.get() + "' must revoke '" + revoked + "' from it"));
                continue;
            }
            EntityReading reading;
            try {
                reading = EntityReading.read(service, internals, target);
            } catch (MedcryptException e) {
                if (main) {
                    throw e;
                }
                skipped.add(new Skipped(EntityRef.of(target), EntityReading.reason(e, me)));
                continue;
            }
            Set<String> stays = EntityReading.delegates(target);
            stays.removeAll(removed.keySet());
            Optional<String> notGranted = EntityReading.notGrantedBy(me, internals, reading, stays);
            if (notGranted.isPresent()) {
                if (main) {
                    throw new AccessDeniedException("'" + me + "' cannot revoke '" + revoked + "' from " + EntityRef.of(target)
                            + ": " + notGranted.get().replace("' re-keys it (", "' revokes (") + "; re-keying it would give the "
                            + "new keys to every remaining delegate");
                }
                skipped.add(new Skipped(EntityRef.of(target), notGranted.get().replace("' re-keys it (", "' revokes (")));
                continue;
            }
            batch.replace(target, rekey(reading, removed.keySet(), internals, keys, batch, renewedSecretIds));
            rekeyed.add(EntityRef.of(target));
            removed.forEach((party, grantor) -> {
                if (!party.equals(revoked) && !grantor.isEmpty()) {
                    alsoRemoved.putIfAbsent(party, grantor);
                }
            });
            remaining.add(me);
            remaining.addAll(stays);
        }
        // only children this owner re-keyed or reads get the new secret id: one it cannot read (the revoked
        // party's own contact, say) keeps the old one, so that it does not hand the new one to whoever reads it
        Set<EntityRef> rekeyedRefs = new java.util.HashSet<>(rekeyed);
        renewedSecretIds.forEach((old, renewed) -> batch.relink(old, renewed, false,
                child -> rekeyedRefs.contains(EntityRef.of(child)) || service.canRead(child)));
        RevocationResult result = new RevocationResult(revoked, rekeyed, notShared, skipped, batch.relinkedOnly(rekeyed),
                !batch.isEmpty(), alsoRemoved, List.copyOf(remaining));
        if (batch.isEmpty()) {
            return RewriteBatch.Planned.nothingToWrite(result);
        }
        org.medcrypt.store.StoreUpdate.Builder update = batch.update();
        keys.addTo(update, me);
        return new RewriteBatch.Planned<>(result, update, keys::remember);
    }

    /**
     * The parties whose access goes with {@code revoked}'s: {@code revoked}, and every other delegate
     * (not this owner) whose entries were all written by a party removed — it got access only through
     * it (a party of its own it shared with, or one it listed, even one that does not exist). Each
     * mapped to the party that granted it.
     */
    private static Map<String, String> removedWith(EncryptableEntity<?> entity, String revoked, String me) {
        Map<String, String> removed = new LinkedHashMap<>();
        removed.put(revoked, revoked);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (String delegate : EntityReading.delegates(entity)) {
                if (delegate.equals(me) || removed.containsKey(delegate)) {
                    continue;
                }
                Set<String> grantors = EntityReading.grantorsOf(entity, delegate); // none: listed without an entry
                if (removed.keySet().containsAll(grantors)) {
                    removed.put(delegate, String.join("', '", grantors));
                    grew = true;
                }
            }
        }
        return removed;
    }

    /** Whether {@code party} has, or wrote, any entry of the entity. */
    private static boolean mentions(EncryptableEntity<?> entity, String party) {
        if (EntityReading.delegates(entity).contains(party)) {
            return true;
        }
        for (Delegation entry : EntityReading.allEntries(entity)) {
            if (entry.owner().equals(party)) {
                return true;
            }
        }
        return false;
    }

    /** The re-keyed entity; its old secret ids, each with its new one, go into {@code renewedSecretIds}. */
    private EncryptableEntity<?> rekey(EntityReading reading, Set<String> removed, SharingInternals internals,
            PairKeysForRun keys, RewriteBatch batch, Map<String, String> renewedSecretIds) {
        EncryptableEntity<?> entity = reading.entity;
        String me = service.dataOwnerId();
        // each remaining delegate keeps the formats it had; this owner writes itself every format in use
        Map<String, Set<WireFormat>> formatsOf = new LinkedHashMap<>();
        Set<WireFormat> inUse = new LinkedHashSet<>();
        for (String delegate : EntityReading.delegates(entity)) {
            if (!removed.contains(delegate)) {
                formatsOf.put(delegate, new LinkedHashSet<>());
            }
        }
        for (Delegation entry : EntityReading.allEntries(entity)) {
            Set<WireFormat> formats = formatsOf.get(entry.delegatedTo());
            if (formats != null) {
                WireFormat format = internals.formats().ofValue(entry.key());
                formats.add(format);
                inUse.add(format);
            }
        }
        entity.encryptedSelf().ifPresent(text -> inUse.add(internals.formats().ofValue(text)));
        boolean hasV2Copy = entity.field(SharingInternals.V2_COPY_FIELD).isPresent();
        WireFormat v2 = internals.formats().of(Suite.V2_GCM_OAEP256);
        if (hasV2Copy) {
            inUse.add(v2);
        }
        if (inUse.isEmpty()) {
            inUse.add(v2);
        }
        formatsOf.computeIfAbsent(me, d -> new LinkedHashSet<>()).addAll(inUse);
        formatsOf.values().removeIf(Set::isEmpty);

        Map<WireFormat, String> secretIds = new LinkedHashMap<>();
        Map<WireFormat, String> contentKeys = new LinkedHashMap<>();
        for (WireFormat format : inUse) {
            secretIds.put(format, format.newEntityKey());
            contentKeys.put(format, format.newEntityKey());
        }
        EntityRewrite rewrite = new EntityRewrite(batch.current(entity), me);
        batch.relinkedKeysOf(entity).ifPresent(rewrite::secretForeignKeys);
        formatsOf.forEach((delegate, formats) -> {
            for (WireFormat format : formats) {
                rewrite.write(format, keys.get(format, delegate), delegate, secretIds.get(format), contentKeys.get(format),
                        reading.parentIds);
            }
        });
        if (reading.content.isPresent()) {
            if (entity.encryptedSelf().isPresent()) {
                WireFormat main = internals.formats().ofValue(entity.encryptedSelf().get());
                rewrite.encryptedSelf(main, contentKeys.get(main), reading.content.get());
            }
            if (hasV2Copy) {
                rewrite.v2Copy(v2, contentKeys.get(v2), reading.content.get());
            }
        }
        EncryptableEntity<?> rekeyed = rewrite.build();
        for (ReadValue old : reading.secretIds) {
            String renewed = secretIds.getOrDefault(old.format(), secretIds.getOrDefault(v2, secretIds.values().iterator().next()));
            renewedSecretIds.put(old.value(), renewed); // relinked once every target is known
        }
        return rekeyed;
    }
}
