package org.medcrypt.store.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.medcrypt.json.Dataset;
import org.medcrypt.model.DelegationKind;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.EntityType;
import org.medcrypt.model.HealthcareParty;

/** Documents in iCure's shapes for the kit: entities with chosen delegates and secret foreign keys, parties with chosen keys. */
final class KitDocuments {

    static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final HexFormat HEX = HexFormat.of();

    private KitDocuments() {
    }

    /** An entity with these secret foreign keys and, in each delegation map, these delegates (owner "kit"). */
    static EncryptableEntity<?> entity(EntityType type, String id, Collection<String> secretForeignKeys,
            Collection<String> delegates) {
        return entity(type, id, secretForeignKeys, Map.of(DelegationKind.DELEGATIONS, delegates,
                DelegationKind.ENCRYPTION_KEYS, delegates), NODES.objectNode());
    }

    /** An entity with these secret foreign keys, delegates per map, and extra top-level fields. */
    static EncryptableEntity<?> entity(EntityType type, String id, Collection<String> secretForeignKeys,
            Map<DelegationKind, ? extends Collection<String>> delegates, ObjectNode extra) {
        ObjectNode document = NODES.objectNode();
        document.put("id", id);
        for (Iterator<Map.Entry<String, JsonNode>> it = extra.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            document.set(field.getKey(), field.getValue().deepCopy());
        }
        ArrayNode keys = document.putArray("secretForeignKeys");
        secretForeignKeys.forEach(keys::add);
        for (DelegationKind kind : DelegationKind.values()) {
            ObjectNode map = document.putObject(kind.jsonName());
            Collection<String> to = delegates.containsKey(kind) ? delegates.get(kind) : List.of();
            for (String delegate : to) {
                ObjectNode delegation = map.putArray(delegate).addObject();
                delegation.put("owner", "kit");
                delegation.put("delegatedTo", delegate);
                delegation.put("key", HEX.formatHex((kind + ":" + id + ":" + delegate).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            }
        }
        return Dataset.entity(type, document);
    }

    /** A contact with a {@code counter} field, for the concurrency tests. */
    static EncryptableEntity<?> counter(String id, long value) {
        ObjectNode extra = NODES.objectNode();
        extra.put("counter", value);
        return entity(EntityType.CONTACT, id, Set.of("counters"), Map.of(), extra);
    }

    /**
     * A party with this public key (hex), owner keys in {@code aesExchangeKeys} each with pair keys
     * for the given delegates, {@code hcPartyKeys} for others, and {@code medcryptPairKeys} entries
     * for others.
     */
    static HealthcareParty party(String id, String publicKeyHex, Map<String, ? extends Collection<String>> aesExchangeKeys,
            Collection<String> hcPartyKeyDelegates, Collection<String> pairKeyEntryDelegates) {
        ObjectNode document = NODES.objectNode();
        document.put("id", id);
        if (publicKeyHex != null) {
            document.put("publicKey", publicKeyHex);
        }
        ObjectNode legacy = document.putObject("hcPartyKeys");
        for (String delegate : hcPartyKeyDelegates) {
            legacy.putArray(delegate).add(wrapped(id, delegate, "owner")).add(wrapped(id, delegate, "delegate"));
        }
        ObjectNode exchange = document.putObject("aesExchangeKeys");
        aesExchangeKeys.forEach((ownerKey, delegates) -> {
            ObjectNode byDelegate = exchange.putObject(ownerKey);
            for (String delegate : delegates) {
                byDelegate.putObject(delegate).put(fingerprintOf(ownerKey), wrapped(id, delegate, ownerKey));
            }
        });
        if (!pairKeyEntryDelegates.isEmpty()) {
            ObjectNode entries = document.putObject(HealthcareParty.PAIR_KEYS);
            for (String delegate : pairKeyEntryDelegates) {
                ObjectNode entry = entries.putArray(delegate).addObject();
                entry.put("suite", "v2");
                entry.put("id", "k-" + id + "-" + delegate);
                entry.put("ownerKey", "00112233445566778899aabbccddeeff");
                entry.put("delegateKey", "ffeeddccbbaa99887766554433221100");
                entry.put("forOwner", wrapped(id, delegate, "forOwner"));
                entry.put("forDelegate", wrapped(id, delegate, "forDelegate"));
            }
        }
        return HealthcareParty.fromJson(document);
    }

    /** A made-up public key in hex whose fingerprint (its last 32 hex digits) is derived from {@code seed}. */
    static String publicKey(String seed) {
        return "30820122300d06092a864886f70d01010105000382010f00" + HEX.formatHex(digest(seed));
    }

    private static byte[] digest(String seed) {
        try {
            byte[] sha = java.security.MessageDigest.getInstance("SHA-256").digest(seed.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.Arrays.copyOf(sha, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String fingerprintOf(String publicKeyHex) {
        return publicKeyHex.substring(publicKeyHex.length() - 32).toLowerCase(java.util.Locale.ROOT);
    }

    private static String wrapped(String owner, String delegate, String salt) {
        return HEX.formatHex(digest(owner + "/" + delegate + "/" + salt));
    }

    /**
     * Whether two JSON values are the same JSON: same members (in any order), arrays in order,
     * numbers equal as numbers (1.0 = 1, 1E+2 = 100: a database may normalise them), other
     * values equal.
     */
    static boolean sameJson(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.getNodeType() != b.getNodeType()) {
            return false;
        }
        if (a.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode other = b.get(field.getKey());
                if (other == null || !sameJson(field.getValue(), other)) {
                    return false;
                }
            }
            return true;
        }
        if (a.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!sameJson(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    /** {@code document} without its {@code rev}. */
    static ObjectNode withoutRev(ObjectNode document) {
        ObjectNode copy = document.deepCopy();
        copy.remove(EncryptableEntity.REV);
        return copy;
    }
}
