package org.medcrypt.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.medcrypt.FormatException;

/**
 * A healthcare party (a data owner): its RSA public key and the pair keys it created.
 *
 * <p>{@code hcPartyKeys[B]} is {@code [hex RSA_A({AB}), hex RSA_B({AB})]}: the pair key of this
 * party A with B, wrapped for A and for B. {@code aesExchangeKeys[A's SPKI hex][B][fingerprint]}
 * is the newer form that allows several key pairs per party. Only the owner A stores {AB}.
 *
 * <p>Immutable, and keeps every field of the document, known or not, in order.
 */
public final class HealthcareParty {

    private final ObjectNode document;
    private final String id;
    private final Optional<String> publicKey;
    private final Optional<String> parentId;
    private final Map<String, List<String>> hcPartyKeys;
    private final Map<String, Map<String, Map<String, String>>> aesExchangeKeys;

    /** Takes ownership of {@code document}: callers pass a private copy. */
    private HealthcareParty(ObjectNode document) {
        this.document = document;
        this.id = Documents.requiredText(this.document, "id", "healthcare party");
        String where = "healthcare party '" + id + "'";
        this.publicKey = Documents.optionalText(this.document, "publicKey", where);
        this.parentId = Documents.optionalText(this.document, "parentId", where);
        this.hcPartyKeys = readHcPartyKeys(Documents.optionalObject(this.document, "hcPartyKeys", where), where);
        this.aesExchangeKeys =
                readAesExchangeKeys(Documents.optionalObject(this.document, "aesExchangeKeys", where), where);
    }

    /** Reads a document in iCure's shape. */
    public static HealthcareParty fromJson(ObjectNode document) {
        Objects.requireNonNull(document, "document");
        return new HealthcareParty(document.deepCopy());
    }

    /** A new party with a public key (SubjectPublicKeyInfo, lower-case hex) and no pair keys. */
    public static HealthcareParty of(String id, String publicKeyHex) {
        ObjectNode document = Documents.NODES.objectNode();
        document.put("id", Objects.requireNonNull(id, "id"));
        document.put("publicKey", Objects.requireNonNull(publicKeyHex, "publicKeyHex"));
        document.putObject("hcPartyKeys");
        document.putObject("aesExchangeKeys");
        return new HealthcareParty(document);
    }

    public String id() {
        return id;
    }

    /** The current public key, SubjectPublicKeyInfo as hex. */
    public Optional<String> publicKey() {
        return publicKey;
    }

    public Optional<String> parentId() {
        return parentId;
    }

    /** Delegate id → {@code [wrapped for this party, wrapped for the delegate]}; unmodifiable. */
    public Map<String, List<String>> hcPartyKeys() {
        return hcPartyKeys;
    }

    /** Owner SPKI hex → delegate id → key fingerprint → wrapped pair key hex; unmodifiable. */
    public Map<String, Map<String, Map<String, String>>> aesExchangeKeys() {
        return aesExchangeKeys;
    }

    /**
     * Returns a copy that stores a new pair key with {@code delegateId} in both forms iCure
     * writes: {@code aesExchangeKeys[ownerSpkiHex][delegateId]}, and {@code hcPartyKeys} unless
     * it already has an entry for the delegate (never replaced: older data may need it).
     *
     * @throws IllegalStateException if {@code aesExchangeKeys} already has this owner key and
     *     delegate (a stored pair key is never replaced)
     */
    public HealthcareParty withPairKey(String delegateId, String ownerSpkiHex, String ownerFingerprint,
            String wrappedForOwner, String delegateFingerprint, String wrappedForDelegate) {
        ObjectNode copy = document.deepCopy();
        ObjectNode byOwnerKey = objectField(objectField(copy, "aesExchangeKeys"), ownerSpkiHex);
        if (byOwnerKey.has(delegateId)) {
            throw new IllegalStateException("healthcare party '" + id + "' already stores a pair key with '"
                    + delegateId + "' under this public key");
        }
        ObjectNode legacy = objectField(copy, "hcPartyKeys");
        if (!legacy.has(delegateId)) {
            ArrayNode pair = legacy.putArray(delegateId);
            pair.add(wrappedForOwner);
            pair.add(wrappedForDelegate);
        }
        ObjectNode entries = byOwnerKey.putObject(delegateId);
        entries.put(delegateFingerprint, wrappedForDelegate);
        entries.put(ownerFingerprint, wrappedForOwner); // for {AA}: the owner's copy is the one kept
        return new HealthcareParty(copy);
    }

    /** Returns a copy with another public key (for key rotation). */
    public HealthcareParty withPublicKey(String publicKeyHex) {
        ObjectNode copy = document.deepCopy();
        copy.put("publicKey", publicKeyHex);
        return new HealthcareParty(copy);
    }

    /** A copy of the whole document. */
    public ObjectNode toJson() {
        return document.deepCopy();
    }

    private static ObjectNode objectField(ObjectNode parent, String name) {
        JsonNode node = parent.get(name);
        return node instanceof ObjectNode object ? object : parent.putObject(name);
    }

    private static Map<String, List<String>> readHcPartyKeys(ObjectNode map, String where) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String field = where + ".hcPartyKeys['" + entry.getKey() + "']";
            List<String> pair = Documents.stringList(entry.getValue(), field);
            if (pair.size() != 2) {
                throw new FormatException(field + " must hold exactly two wrapped keys [owner, delegate]");
            }
            result.put(entry.getKey(), pair);
        }
        return Documents.unmodifiable(result);
    }

    private static Map<String, Map<String, Map<String, String>>> readAesExchangeKeys(ObjectNode map, String where) {
        Map<String, Map<String, Map<String, String>>> result = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> owners = map.fields(); owners.hasNext(); ) {
            Map.Entry<String, JsonNode> owner = owners.next();
            String ownerWhere = where + ".aesExchangeKeys[<owner key …" + tail(owner.getKey()) + ">]";
            if (!owner.getValue().isObject()) {
                throw new FormatException(ownerWhere + " must be a JSON object");
            }
            Map<String, Map<String, String>> delegates = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> ds = owner.getValue().fields(); ds.hasNext(); ) {
                Map.Entry<String, JsonNode> delegate = ds.next();
                String delegateWhere = ownerWhere + "['" + delegate.getKey() + "']";
                if (!delegate.getValue().isObject()) {
                    throw new FormatException(delegateWhere + " must be a JSON object {fingerprint: key}");
                }
                Map<String, String> entries = new LinkedHashMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> es = delegate.getValue().fields(); es.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = es.next();
                    if (!entry.getValue().isTextual()) {
                        throw new FormatException(delegateWhere + " values must be hex strings");
                    }
                    entries.put(entry.getKey(), entry.getValue().asText());
                }
                delegates.put(delegate.getKey(), Documents.unmodifiable(entries));
            }
            result.put(owner.getKey(), Documents.unmodifiable(delegates));
        }
        return Documents.unmodifiable(result);
    }

    private static String tail(String text) {
        return text.length() <= 8 ? text : text.substring(text.length() - 8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HealthcareParty party && party.document.equals(document);
    }

    @Override
    public int hashCode() {
        return document.hashCode();
    }

    @Override
    public String toString() {
        return "HealthcareParty[id=" + id + ", pairKeysWith=" + hcPartyKeys.keySet() + "]";
    }
}
