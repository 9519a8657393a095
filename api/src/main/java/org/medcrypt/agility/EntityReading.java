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
import org.medcrypt.sharing.DelegationService;

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

    private EntityReading(EncryptableEntity<?> entity, List<ReadValue> secretIds, List<String> parentIds,
            Optional<ObjectNode> content) {
        this.entity = entity;
        this.secretIds = secretIds;
        this.parentIds = parentIds;
        this.content = content;
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
        Optional<ObjectNode> content = Optional.empty();
        if (entity.encryptedSelf().isPresent() || entity.field(SharingInternals.V2_COPY_FIELD).isPresent()) {
            content = Optional.of(service.decrypt((EncryptableEntity) entity).decryptedFields());
        }
        return new EntityReading(entity, secretIds, List.copyOf(parents), content);
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
