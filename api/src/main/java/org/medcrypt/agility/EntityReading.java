package org.medcrypt.agility;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.medcrypt.AccessDeniedException;
import org.medcrypt.DecryptionFailedException;
import org.medcrypt.MedcryptException;
import org.medcrypt.internal.sharing.ReadValue;
import org.medcrypt.internal.sharing.SharingInternals;
import org.medcrypt.model.Delegation;
import org.medcrypt.model.DelegationKind;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.sharing.DecryptedEntity;
import org.medcrypt.sharing.DelegationService;
import org.medcrypt.sharing.Provenance;

/**
 * Everything one data owner reads of one entity in order to write it again: its secret ids and
 * parent ids (with the format each is written in), the delegates it lists, and its decrypted
 * content. Holds plaintext: never printed, never kept past the operation.
 */
final class EntityReading {

    final EncryptableEntity<?> entity;
    final List<ReadValue> secretIds;
    final List<String> parentIds;
    /** The decrypted fields of the content the reader sees; empty when the entity has none. */
    final Optional<ObjectNode> content;
    /** Who wrote the content key that opened the content, and how its pair key is vouched for; empty without content. */
    final Optional<String> contentKeyOwner;
    final Optional<Provenance> provenance;

    private EntityReading(EncryptableEntity<?> entity, List<ReadValue> secretIds, List<String> parentIds,
            Optional<DecryptedEntity<?>> decrypted) {
        this.entity = entity;
        this.secretIds = secretIds;
        this.parentIds = parentIds;
        this.content = decrypted.map(DecryptedEntity::decryptedFields);
        this.contentKeyOwner = decrypted.flatMap(DecryptedEntity::contentKeyOwner);
        this.provenance = decrypted.flatMap(DecryptedEntity::provenance);
    }

    /**
     * Reads the entity as {@code service}'s owner.
     *
     * @throws MedcryptException saying why it cannot: not shared with the owner
     *     ({@link AccessDeniedException}), or its secret id, parent id or content does not open
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static EntityReading read(DelegationService service, SharingInternals internals, EncryptableEntity<?> entity) {
        service.requireReadable(entity);
        List<ReadValue> secretIds = internals.read(entity, DelegationKind.DELEGATIONS);
        Set<String> parents = new LinkedHashSet<>();
        internals.read(entity, DelegationKind.CRYPTED_FOREIGN_KEYS).forEach(value -> parents.add(value.value()));
        if (parents.isEmpty() && !entity.cryptedForeignKeys().isEmpty()) {
            throw new DecryptionFailedException(EntityRef.of(entity) + " cryptedForeignKeys");
        }
        Optional<DecryptedEntity<?>> decrypted = Optional.empty();
        if (entity.encryptedSelf().isPresent() || entity.field(SharingInternals.V2_COPY_FIELD).isPresent()) {
            decrypted = Optional.of(service.decrypt((EncryptableEntity) entity));
        }
        return new EntityReading(entity, secretIds, List.copyOf(parents), decrypted);
    }

    /** The parties the entity lists as delegates, in document order: every map's keys and every {@code delegatedTo}. */
    static Set<String> delegates(EncryptableEntity<?> entity) {
        Set<String> delegates = new LinkedHashSet<>();
        for (DelegationKind kind : DelegationKind.values()) {
            entity.delegationMap(kind).forEach((delegate, entries) -> {
                delegates.add(delegate);
                entries.forEach(entry -> delegates.add(entry.delegatedTo()));
            });
        }
        return delegates;
    }

    /**
     * A party, other than {@code except}, that wrote an entry of the entity for itself (typically
     * its creator). Whoever rewrites the entity cannot write that party's own entry; replacing it
     * with one of its own would have that party read the entity under another's pair key
     * (provenance {@code PUBLISHED} instead of {@code OWN}), and its navigation ignores parent ids
     * vouched for less well than its own secret ids: its own children would stop being found.
     */
    static Optional<String> heldForItselfByAnother(EncryptableEntity<?> entity, Set<String> except) {
        for (Delegation entry : allEntries(entity)) {
            if (entry.owner().equals(entry.delegatedTo()) && !except.contains(entry.owner())) {
                return Optional.of(entry.owner());
            }
        }
        return Optional.empty();
    }

    /**
     * Why {@code me} may not write the entity again for {@code delegates} (itself excluded), or empty
     * if it may: a party grants only access it granted itself. Its content key must be one {@code me}
     * wrote (read under a pair key {@code me} may share under), else re-writing it would make another
     * party's content (possibly a party the store invented) read as {@code me}'s; and every delegate
     * must have an entry {@code me} wrote for it under such a pair key, else re-writing would give the
     * new keys to a party someone else listed (the store can list anyone: one line in a map).
     */
    static Optional<String> notGrantedBy(String me, SharingInternals internals, EntityReading reading,
            Set<String> delegates) {
        EncryptableEntity<?> entity = reading.entity;
        boolean trustsUnsigned = internals.pairKeys().policy().trustUnsignedPairKeys();
        if (reading.content.isPresent()) {
            String owner = reading.contentKeyOwner.orElse("?");
            if (!owner.equals(me)) {
                return Optional.of("its content key is from '" + owner + "', not from '" + me + "': '" + owner
                        + "' re-keys it (a party re-grants only access it granted itself)");
            }
            boolean accepted = reading.provenance.filter(p -> p == Provenance.OWN
                    || (p == Provenance.UNSIGNED && trustsUnsigned)).isPresent();
            if (!accepted) {
                return Optional.of("its content key is from '" + me + "' under a pair key '" + me + "' does not share under"
                        + unsignedHint(trustsUnsigned));
            }
        } else if (!grantedBy(internals, entity, me)) {
            return Optional.of("'" + me + "' has no entry it wrote for itself under a pair key it shares under"
                    + unsignedHint(trustsUnsigned) + ": '" + me + "' re-grants only access it granted itself");
        }
        List<String> problems = new ArrayList<>();
        for (String delegate : delegates) {
            if (delegate.equals(me) || grantedBy(internals, entity, delegate)) {
                continue;
            }
            Set<String> grantors = grantorsOf(entity, delegate);
            if (grantors.contains(me)) {
                problems.add("delegate '" + delegate + "' was given access by '" + me + "' only under a pair key '" + me
                        + "' does not share under" + unsignedHint(trustsUnsigned));
            } else {
                problems.add("delegate '" + delegate + "' was given access by " + quoted(grantors) + ", not by '" + me + "'");
            }
        }
        if (problems.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.join("; ", problems) + " (a party re-grants only access it granted itself)");
    }

    private static String unsignedHint(boolean trustsUnsigned) {
        return trustsUnsigned ? "" : " (an unsigned v1 key? if iCure's SDK made it, trust unsigned pair keys: "
                + "--trust-unsigned-pair-keys)";
    }

    /** Whether {@code me} wrote an entry for {@code delegate}, in any map, that opens under a pair key it may share under. */
    static boolean grantedBy(SharingInternals internals, EncryptableEntity<?> entity, String delegate) {
        for (DelegationKind kind : DelegationKind.values()) {
            for (Delegation entry : entity.allDelegations(kind)) {
                if (entry.delegatedTo().equals(delegate) && internals.grantedByMe(entity, kind, entry)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The parties that wrote the entries addressed to {@code delegate} (in its map or naming it), in document order. */
    static Set<String> grantorsOf(EncryptableEntity<?> entity, String delegate) {
        Set<String> grantors = new LinkedHashSet<>();
        for (DelegationKind kind : DelegationKind.values()) {
            entity.delegationMap(kind).forEach((key, entries) -> entries.forEach(entry -> {
                if (key.equals(delegate) || entry.delegatedTo().equals(delegate)) {
                    grantors.add(entry.owner());
                }
            }));
        }
        return grantors;
    }

    static String quoted(Iterable<String> parties) {
        List<String> names = new ArrayList<>();
        parties.forEach(party -> names.add("'" + party + "'"));
        return names.isEmpty() ? "nobody" : String.join(", ", names);
    }

    /** Every entry of every map, in document order. */
    static List<Delegation> allEntries(EncryptableEntity<?> entity) {
        List<Delegation> all = new ArrayList<>();
        for (DelegationKind kind : DelegationKind.values()) {
            all.addAll(entity.allDelegations(kind));
        }
        return all;
    }

    /** A one-line reason, without key or plaintext, for a report. */
    static String reason(MedcryptException error, String me) {
        if (error instanceof AccessDeniedException) {
            return "not shared with '" + me + "'";
        }
        if (error instanceof DecryptionFailedException) {
            return "its keys or content do not open for '" + me + "' (modified, or not encrypted for its keys)";
        }
        return error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    }
}
