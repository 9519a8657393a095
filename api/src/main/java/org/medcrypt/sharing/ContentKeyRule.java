package org.medcrypt.sharing;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.medcrypt.model.DelegationKind;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.EntityType;
import org.medcrypt.spi.Suite;
import org.medcrypt.store.EntityStore;

/**
 * Which values a reader may take as an entity's content key: never one that is, or may be, public.
 *
 * <p>A v1 small key carries no role, so a store that rewrites documents can move a value the
 * reader opens from {@code delegations} (a secret id, which every child carries in clear in
 * {@code secretForeignKeys}) or from {@code cryptedForeignKeys} (a parent id: in iCure a bare
 * UUID, the patient's public id) into {@code encryptionKeys}, drop the original, and write an
 * {@code encryptedSelf} under it. The store can drop entries and hide documents; it cannot make
 * the reader forget what it derives itself, nor add a value it cannot encrypt. So a candidate is
 * refused when it equals (as AES key material: case and a UUID's dashes ignored)
 * <ul>
 *   <li>a value the reader opens in any other map of the entity ({@code delegations},
 *       {@code cryptedForeignKeys}), from any writer, in any format;
 *   <li>the entity's own id, or one of its {@code secretForeignKeys} (its parent's secret ids, in clear);
 *   <li>for a v1 candidate, the id of any entity the store has, or a secret id any stored child
 *       carries in clear ({@code secretForeignKeys}) — what the store itself can see.
 * </ul>
 * And, since a move empties the map it takes the value from, a v1 candidate is refused when the
 * reader opens no secret id of the entity; when the secret id and the parent id it opens are the
 * same value (the store filled one map with the other's entry); and, for a child (it carries
 * {@code secretForeignKeys}), unless a parent id it opens is the id of an entity in the store. The
 * last check closes the rearrangement where the store puts the content key's own entry into
 * {@code cryptedForeignKeys} and stops serving the patient: the content key is secret, so the
 * store cannot serve a parent of that id. So a v1 child is read only while its parent is in the
 * store.
 *
 * <p>What remains possible on v1 (see the README's threat model): an entity that holds, for the
 * reader, more distinct values than one per map (several secret ids or parents), or whose secret
 * id the store knows from a child of its own, leaves the store values to arrange that the checks
 * above cannot tell apart. v2 values are bound to their role, so the store cannot move them; the
 * rule still keeps a writer from setting a content key to a value the store knows.
 *
 * <p>A content key that passed and opened the entity is kept by the reader's cache ({@code
 * KeyCache}'s content-key memo, per entity and key), and reading the same entity with the same key
 * again does not run the rule again. Skipping it gives the store nothing: a value that passed was
 * not one the store could show to be public then (had it hidden what shows it, the first read
 * was already fooled), and the store cannot learn a secret content key later. A rearranged
 * document offers another value, which the memo does not hold, and which the rule checks.
 */
final class ContentKeyRule {

    private static final List<EntityType> CHILD_TYPES = List.of(EntityType.CONTACT, EntityType.FORM,
            EntityType.HEALTH_ELEMENT);

    private final EncryptableEntity<?> entity;
    private final ValueReader reader;
    private final EntityStore store;
    private Set<String> notContentKeys;
    private boolean opensSecretId;
    private List<String> parentIds;
    private Boolean parentStored;
    private boolean rolesOverlap;

    ContentKeyRule(EncryptableEntity<?> entity, ValueReader reader, EntityStore store) {
        this.entity = entity;
        this.reader = reader;
        this.store = store;
    }

    /** Whether {@code candidate}, opened from {@code encryptionKeys}, may be tried as the content key. */
    boolean allows(OpenedValue candidate) {
        if (notContentKeys == null) {
            readOtherMaps();
        }
        String key = normalised(candidate.value());
        if (notContentKeys.contains(key)) {
            return false;
        }
        if (candidate.format().suite() != Suite.V1_ICURE) {
            return true;
        }
        if (!opensSecretId || rolesOverlap || (!entity.secretForeignKeys().isEmpty() && !parentStored())) {
            return false;
        }
        return !publicInTheStore(candidate.value());
    }

    /** Whether a parent id the reader opens names an entity in the store. */
    private boolean parentStored() {
        if (parentStored == null) {
            parentStored = false;
            for (String parentId : parentIds) {
                for (EntityType type : EntityType.values()) {
                    if (store.entity(type, parentId).isPresent()) {
                        parentStored = true;
                        return true;
                    }
                }
            }
        }
        return parentStored;
    }

    private void readOtherMaps() {
        Set<String> excluded = new HashSet<>();
        excluded.add(normalised(entity.id()));
        entity.secretForeignKeys().forEach(value -> excluded.add(normalised(value)));
        Set<String> secretIds = new HashSet<>();
        for (OpenedValue value : reader.readQuietly(entity, DelegationKind.DELEGATIONS)) {
            secretIds.add(normalised(value.value()));
        }
        List<String> parents = new java.util.ArrayList<>(2);
        for (OpenedValue value : reader.readQuietly(entity, DelegationKind.CRYPTED_FOREIGN_KEYS)) {
            parents.add(value.value());
            rolesOverlap |= secretIds.contains(normalised(value.value()));
            excluded.add(normalised(value.value()));
        }
        parentIds = parents;
        opensSecretId = !secretIds.isEmpty();
        excluded.addAll(secretIds);
        notContentKeys = excluded;
    }

    /**
     * An id of a stored entity, or a secret id a stored child shows: values the store knows. Looked
     * up as the value is written (a moved value is the very text of the id it was), only for a v1
     * candidate that passed every other check: a few indexed look-ups per entity read.
     */
    private boolean publicInTheStore(String value) {
        for (EntityType type : EntityType.values()) {
            if (store.entity(type, value).isPresent()) {
                return true;
            }
        }
        for (EntityType type : CHILD_TYPES) {
            if (!store.bySecretForeignKey(type, value).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The AES key material a value stands for, as v1 reads it: a UUID's 36 characters without
     * their dashes, lower case. Two values equal here open the same data.
     */
    static String normalised(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        return lower.length() == 36 ? lower.replace("-", "") : lower;
    }
}
