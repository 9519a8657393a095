package org.medcrypt.agility;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medcrypt.internal.format.ValueContext;
import org.medcrypt.internal.format.ValueRole;
import org.medcrypt.internal.format.WireFormat;
import org.medcrypt.internal.keys.PairKey;
import org.medcrypt.internal.sharing.SharingInternals;
import org.medcrypt.json.Dataset;
import org.medcrypt.json.MedcryptJson;
import org.medcrypt.model.Delegation;
import org.medcrypt.model.DelegationKind;
import org.medcrypt.model.EncryptableEntity;

/**
 * A new version of one entity, built up in steps: entries kept as they are, new entries the owner
 * writes for a delegate in one format, and a new {@code encryptedSelf} (or v2 copy); then one new
 * immutable entity. Everything else in the document is kept as it was, in order.
 */
final class EntityRewrite {

    private final EncryptableEntity<?> entity;
    private final String me;
    private final Map<DelegationKind, Map<String, List<Delegation>>> maps = new EnumMap<>(DelegationKind.class);
    private final Map<String, String> textFields = new LinkedHashMap<>();
    private final Map<String, ArrayNode> arrayFields = new LinkedHashMap<>();
    private final List<String> removedFields = new ArrayList<>();

    EntityRewrite(EncryptableEntity<?> entity, String me) {
        this.entity = entity;
        this.me = me;
        for (DelegationKind kind : DelegationKind.values()) {
            maps.put(kind, new LinkedHashMap<>());
        }
    }

    /** Keeps an existing entry as it is (v1 entries for iCure's SDK, say). */
    void keep(DelegationKind kind, Delegation entry) {
        maps.get(kind).computeIfAbsent(entry.delegatedTo(), d -> new ArrayList<>()).add(entry);
    }

    /** Makes room for {@code delegate} in every map, so that delegates keep their document order. */
    void listDelegate(String delegate) {
        for (DelegationKind kind : DelegationKind.values()) {
            maps.get(kind).computeIfAbsent(delegate, d -> new ArrayList<>());
        }
    }

    /**
     * Writes the owner's entries for {@code delegate} under {@code key}, in {@code format}: the
     * secret id, the content key and every parent id.
     */
    void write(WireFormat format, PairKey key, String delegate, String secretId, String contentKey, List<String> parentIds) {
        ValueContext context = new ValueContext(entity.type(), entity.id(), me, delegate);
        add(DelegationKind.DELEGATIONS, delegate, format.encryptSmallKey(key, ValueRole.SECRET_ID, context, secretId));
        add(DelegationKind.ENCRYPTION_KEYS, delegate, format.encryptSmallKey(key, ValueRole.CONTENT_KEY, context, contentKey));
        for (String parentId : parentIds) {
            add(DelegationKind.CRYPTED_FOREIGN_KEYS, delegate, format.encryptSmallKey(key, ValueRole.PARENT_ID, context, parentId));
        }
    }

    private void add(DelegationKind kind, String delegate, String value) {
        maps.get(kind).computeIfAbsent(delegate, d -> new ArrayList<>()).add(new Delegation(me, delegate, value));
    }

    /** Sets {@code encryptedSelf} to {@code content} encrypted in {@code format} under {@code contentKey}. */
    void encryptedSelf(WireFormat format, String contentKey, ObjectNode content) {
        textFields.put("encryptedSelf", encrypt(format, contentKey, content));
    }

    /** Sets the v2 copy kept beside a v1 {@code encryptedSelf} ({@link SharingInternals#V2_COPY_FIELD}). */
    void v2Copy(WireFormat v2, String contentKey, ObjectNode content) {
        textFields.put(SharingInternals.V2_COPY_FIELD, encrypt(v2, contentKey, content));
    }

    /** Sets {@code secretForeignKeys} (a relinked child's new search tags). */
    void secretForeignKeys(List<String> keys) {
        ArrayNode array = MedcryptJson.nodes().arrayNode();
        keys.forEach(array::add);
        arrayFields.put("secretForeignKeys", array);
    }

    void removeV2Copy() {
        removedFields.add(SharingInternals.V2_COPY_FIELD);
    }

    private String encrypt(WireFormat format, String contentKey, ObjectNode content) {
        byte[] json = MedcryptJson.toBytes(content);
        try {
            return format.encryptContent(contentKey, entity.type(), entity.id(), json);
        } finally {
            java.util.Arrays.fill(json, (byte) 0);
        }
    }

    /**
     * The new entity, the maps replaced (one left empty stays as it was). One copy of the
     * document ({@code withFields}); two when a field is removed (through its JSON).
     */
    EncryptableEntity<?> build() {
        ObjectNode changes = MedcryptJson.nodes().objectNode();
        for (DelegationKind kind : DelegationKind.values()) {
            Map<String, List<Delegation>> map = maps.get(kind);
            map.values().removeIf(List::isEmpty);
            if (!map.isEmpty() || !entity.delegationMap(kind).isEmpty()) { // an empty map stays as it was written
                changes.set(kind.jsonName(), json(map));
            }
        }
        textFields.forEach(changes::put);
        arrayFields.forEach(changes::set);
        boolean removes = false;
        for (String field : removedFields) {
            removes |= entity.field(field).isPresent();
        }
        if (!removes) {
            return entity.withFields(changes);
        }
        ObjectNode document = entity.withFields(changes).toJson();
        removedFields.forEach(document::remove);
        return Dataset.entity(entity.type(), document);
    }

    private static ObjectNode json(Map<String, List<Delegation>> map) {
        ObjectNode node = MedcryptJson.nodes().objectNode();
        map.forEach((delegate, entries) -> {
            ArrayNode array = node.putArray(delegate);
            for (Delegation entry : entries) {
                ObjectNode item = array.addObject();
                item.put("owner", entry.owner());
                item.put("delegatedTo", entry.delegatedTo());
                item.put("key", entry.key());
            }
        });
        return node;
    }
}
