package org.medcrypt.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * An iCure document that supports end-to-end encryption: a {@link Patient}, {@link Contact},
 * {@link Form} or {@link HealthElement}.
 *
 * <p>Immutable: every {@code with…} method returns a new instance, so a failed operation can
 * never leave an entity half-changed. The whole JSON document is kept, fields medcrypt does not
 * know included, in their original order: {@link #toJson()} writes back exactly what was read
 * plus medcrypt's own changes.
 *
 * @param <T> the concrete type, returned by the {@code with…} methods
 */
public abstract class EncryptableEntity<T extends EncryptableEntity<T>> {

    private final ObjectNode document;
    private final String id;
    private final Optional<String> rev;
    private final Map<DelegationKind, Map<String, List<Delegation>>> delegationMaps;
    private final List<String> secretForeignKeys;
    private final Optional<String> encryptedSelf;

    /**
     * Validates {@code document} and keeps it: the caller hands over a private copy (the static
     * {@code fromJson} factories copy; the {@code with…} methods pass their own fresh copy).
     */
    protected EncryptableEntity(ObjectNode document) {
        Objects.requireNonNull(document, "document");
        this.document = document;
        String what = type().name().toLowerCase(java.util.Locale.ROOT);
        this.id = Documents.requiredText(this.document, "id", what);
        String where = what + " '" + id + "'";
        this.rev = Documents.optionalText(this.document, REV, where);
        Map<DelegationKind, Map<String, List<Delegation>>> maps = new EnumMap<>(DelegationKind.class);
        for (DelegationKind kind : DelegationKind.values()) {
            maps.put(kind, Documents.delegations(this.document, kind.jsonName(), where));
        }
        this.delegationMaps = maps;
        this.secretForeignKeys =
                Documents.stringList(this.document.get("secretForeignKeys"), where + ".secretForeignKeys");
        this.encryptedSelf = Documents.optionalText(this.document, "encryptedSelf", where);
    }

    /** The document field holding the revision (iCure's {@code rev}, CouchDB's {@code _rev}). */
    public static final String REV = "rev";

    /** The entity's type. */
    public abstract EntityType type();

    /** Makes an instance of the concrete type from a document (used by the {@code with…} methods). */
    protected abstract T newInstance(ObjectNode document);

    /** The entity's id (its document's {@code id}). */
    public final String id() {
        return id;
    }

    /**
     * The revision of the stored document this one was read from or derived from (its {@code rev}
     * field). An {@link org.medcrypt.store.EntityStore} gives a document a new revision on every
     * save; the {@code with…} copies keep the revision they were derived from, which is what an
     * update expects to find still stored (optimistic concurrency). Empty for a document never
     * stored, or read from a file or system that keeps no revision.
     */
    public final Optional<String> rev() {
        return rev;
    }

    /**
     * Returns a copy carrying revision {@code rev}. For {@link org.medcrypt.store.EntityStore}
     * implementations, which assign the revision when they save: a revision set by anyone else
     * is replaced on save.
     */
    public final T withRev(String rev) {
        return newInstance(Documents.withRev(document, Objects.requireNonNull(rev, "rev")));
    }

    /** {@code delegations}: the secret foreign key, per delegate. */
    public final Map<String, List<Delegation>> delegations() {
        return delegationMap(DelegationKind.DELEGATIONS);
    }

    /** {@code encryptionKeys}: the content key, per delegate. */
    public final Map<String, List<Delegation>> encryptionKeys() {
        return delegationMap(DelegationKind.ENCRYPTION_KEYS);
    }

    /** {@code cryptedForeignKeys}: the parent id, per delegate. */
    public final Map<String, List<Delegation>> cryptedForeignKeys() {
        return delegationMap(DelegationKind.CRYPTED_FOREIGN_KEYS);
    }

    /** One of the three maps, keyed by delegate id; unmodifiable. */
    public final Map<String, List<Delegation>> delegationMap(DelegationKind kind) {
        return delegationMaps.get(kind);
    }

    /** Every delegation of a map, in document order. */
    public final List<Delegation> allDelegations(DelegationKind kind) {
        List<Delegation> all = new ArrayList<>();
        delegationMap(kind).values().forEach(all::addAll);
        return all;
    }

    /** The parent's secret foreign keys, in clear: how children of a patient are found. */
    public final List<String> secretForeignKeys() {
        return secretForeignKeys;
    }

    /** The base64 {@code encryptedSelf}, if the entity has encrypted fields. */
    public final Optional<String> encryptedSelf() {
        return encryptedSelf;
    }

    /** A copy of a top-level field of the (clear part of the) document. */
    public final Optional<JsonNode> field(String name) {
        JsonNode node = document.get(name);
        return node == null ? Optional.empty() : Optional.of(node.deepCopy());
    }

    /** A copy of the whole document, in iCure's shape. */
    public final ObjectNode toJson() {
        return document.deepCopy();
    }

    /** Returns a copy with one of the three maps replaced. */
    public final T withDelegationMap(DelegationKind kind, Map<String, List<Delegation>> delegations) {
        return edit(doc -> doc.set(kind.jsonName(), Documents.delegationsJson(delegations)));
    }

    /** Returns a copy with these secret foreign keys. */
    public final T withSecretForeignKeys(Collection<String> keys) {
        return edit(doc -> {
            ArrayNode array = Documents.NODES.arrayNode();
            keys.forEach(array::add);
            return doc.set("secretForeignKeys", array);
        });
    }

    /** Returns a copy with {@code encryptedSelf} set and the given clear fields removed. */
    public final T withEncryptedSelf(String base64, Collection<String> encryptedFields) {
        return edit(doc -> {
            encryptedFields.forEach(doc::remove);
            return doc.put("encryptedSelf", base64);
        });
    }

    /** Returns a copy with the top-level fields of {@code fields} set (added or replaced); for new documents. */
    public final T withFields(ObjectNode fields) {
        return edit(doc -> {
            for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                doc.set(entry.getKey(), entry.getValue().deepCopy());
            }
            return doc;
        });
    }

    private T edit(Function<ObjectNode, JsonNode> change) {
        ObjectNode copy = document.deepCopy();
        change.apply(copy);
        return newInstance(copy);
    }

    @Override
    public final boolean equals(Object other) {
        return other instanceof EncryptableEntity<?> entity
                && entity.type() == type()
                && entity.document.equals(document);
    }

    @Override
    public final int hashCode() {
        return document.hashCode();
    }

    @Override
    public final String toString() {
        return getClass().getSimpleName() + "[id=" + id + ", delegates=" + delegations().keySet() + "]";
    }
}
