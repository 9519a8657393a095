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
    private final Optional<String> rev;
    private final Optional<String> publicKey;
    private final Optional<String> parentId;
    private final Map<String, List<String>> hcPartyKeys;
    private final Map<String, Map<String, Map<String, String>>> aesExchangeKeys;
    private final Optional<String> signingKey;
    private final Optional<String> publicKeySignature;
    private final Map<String, List<PairKeyEntry>> medcryptPairKeys;
    private final List<SigningKeyRotation> signingKeyRotations;

    /** Takes ownership of {@code document}: callers pass a private copy. */
    private HealthcareParty(ObjectNode document) {
        this.document = document;
        this.id = Documents.requiredText(this.document, "id", "healthcare party");
        String where = "healthcare party '" + id + "'";
        this.rev = Documents.optionalText(this.document, EncryptableEntity.REV, where);
        this.publicKey = Documents.optionalText(this.document, "publicKey", where);
        this.parentId = Documents.optionalText(this.document, "parentId", where);
        this.hcPartyKeys = readHcPartyKeys(Documents.optionalObject(this.document, "hcPartyKeys", where), where);
        this.aesExchangeKeys =
                readAesExchangeKeys(Documents.optionalObject(this.document, "aesExchangeKeys", where), where);
        JsonNode signing = this.document.get(SIGNING_KEY);
        this.signingKey = signing != null && signing.isTextual() ? Optional.of(signing.asText()) : Optional.empty();
        JsonNode keySignature = this.document.get(PUBLIC_KEY_SIGNATURE);
        this.publicKeySignature = keySignature != null && keySignature.isTextual()
                ? Optional.of(keySignature.asText()) : Optional.empty();
        this.medcryptPairKeys = readPairKeyEntries(this.document.get(PAIR_KEYS));
        this.signingKeyRotations = readSigningKeyRotations(this.document.get(SIGNING_KEY_ROTATIONS));
    }

    /** Field of the party's Ed25519 signing public key (64 hex digits); iCure's SDK ignores it. */
    public static final String SIGNING_KEY = "medcryptSigningKey";
    /** Field of the party's signature of its own RSA public key; iCure's SDK ignores it. */
    public static final String PUBLIC_KEY_SIGNATURE = "medcryptPublicKeySignature";
    /** Field of the pair keys medcrypt signed or displaced; iCure's SDK ignores it. */
    public static final String PAIR_KEYS = "medcryptPairKeys";
    /** Field of the party's signing-key rotations (old key endorses new); iCure's SDK ignores it. */
    public static final String SIGNING_KEY_ROTATIONS = "medcryptSigningKeyRotations";

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

    /** The party's id (its document's {@code id}). */
    public String id() {
        return id;
    }

    /**
     * The revision of the stored document this one was read or derived from (its {@code rev});
     * empty for a document never stored or read from a file without one. See
     * {@link EncryptableEntity#rev()}.
     */
    public Optional<String> rev() {
        return rev;
    }

    /**
     * Returns a copy carrying revision {@code rev}. For {@link org.medcrypt.store.EntityStore}
     * implementations, which assign it on save.
     */
    public HealthcareParty withRev(String rev) {
        return new HealthcareParty(Documents.withRev(document, Objects.requireNonNull(rev, "rev")));
    }

    /** The current public key, SubjectPublicKeyInfo as hex. */
    public Optional<String> publicKey() {
        return publicKey;
    }

    /** The id of the party this one belongs to (iCure's {@code parentId}), if any. */
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
     * The party's published Ed25519 signing public key (raw, 64 hex digits), if any. It comes from
     * the store: a reader who needs to rely on it pins it (see the README).
     */
    public Optional<String> signingKey() {
        return signingKey;
    }

    /**
     * The pair keys with {@code delegateId} recorded in {@code medcryptPairKeys}, in document
     * order. Malformed entries are left out here (one writer's junk must not stop a reader);
     * whether an entry's signature holds is for the reader to check.
     */
    public List<PairKeyEntry> pairKeyEntries(String delegateId) {
        return medcryptPairKeys.getOrDefault(delegateId, List.of());
    }

    /** Every delegate with a {@code medcryptPairKeys} entry. */
    public java.util.Set<String> pairKeyEntryDelegates() {
        return medcryptPairKeys.keySet();
    }

    /** The party's Ed25519 signature of its own {@code publicKey} ({@code mc2:} value), if any. */
    public Optional<String> publicKeySignature() {
        return publicKeySignature;
    }

    /**
     * The party's signing-key rotations, in document order; malformed items are left out (whether
     * a signature holds is for the reader to check).
     */
    public List<SigningKeyRotation> signingKeyRotations() {
        return signingKeyRotations;
    }

    /** Returns a copy with {@code rotation} appended to {@code medcryptSigningKeyRotations}. */
    public HealthcareParty withSigningKeyRotation(SigningKeyRotation rotation) {
        Objects.requireNonNull(rotation, "rotation");
        ObjectNode copy = document.deepCopy();
        JsonNode list = copy.get(SIGNING_KEY_ROTATIONS);
        ArrayNode array = list instanceof ArrayNode existing ? existing : copy.putArray(SIGNING_KEY_ROTATIONS);
        ObjectNode item = array.addObject();
        item.put("previous", rotation.previous());
        item.put("next", rotation.next());
        item.put("signature", rotation.signature());
        return new HealthcareParty(copy);
    }

    /** Returns a copy that carries {@code signature} as the signature of its public key. */
    public HealthcareParty withPublicKeySignature(String signature) {
        ObjectNode copy = document.deepCopy();
        copy.put(PUBLIC_KEY_SIGNATURE, Objects.requireNonNull(signature, "signature"));
        return new HealthcareParty(copy);
    }

    /** Returns a copy that publishes {@code signingKeyHex} as this party's signing key. */
    public HealthcareParty withSigningKey(String signingKeyHex) {
        ObjectNode copy = document.deepCopy();
        copy.put(SIGNING_KEY, Objects.requireNonNull(signingKeyHex, "signingKeyHex"));
        return new HealthcareParty(copy);
    }

    /** Returns a copy with {@code entry} appended to {@code medcryptPairKeys[delegateId]}. */
    public HealthcareParty withPairKeyEntry(String delegateId, PairKeyEntry entry) {
        ObjectNode copy = document.deepCopy();
        JsonNode list = objectField(copy, PAIR_KEYS).get(delegateId);
        ArrayNode array = list instanceof ArrayNode existing ? existing : ((ObjectNode) copy.get(PAIR_KEYS)).putArray(delegateId);
        ObjectNode item = array.addObject();
        item.put("suite", entry.suite());
        item.put("id", entry.id());
        if (entry.isDisplaced()) {
            item.put("displaced", true);
            ObjectNode copies = item.putObject("copies");
            entry.displacedCopies().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> copies.put(e.getKey(), e.getValue()));
        } else {
            item.put("ownerKey", entry.ownerKey());
            item.put("delegateKey", entry.delegateKey());
            item.put("forOwner", entry.forOwner());
            item.put("forDelegate", entry.forDelegate());
            entry.signature().ifPresent(signature -> item.put("signature", signature));
        }
        return new HealthcareParty(copy);
    }

    /**
     * Returns a copy where iCure's slots for {@code delegateId} ({@code hcPartyKeys[delegateId]}
     * and {@code aesExchangeKeys[ownerSpkiHex][delegateId]}) hold a new pair key, replacing
     * what was there. Only for a slot whose key is not acceptable (unsigned, and not trusted by
     * the caller); the caller keeps the old copies readable in a displaced {@link PairKeyEntry}.
     */
    public HealthcareParty withReplacedPairKey(String delegateId, String ownerSpkiHex, String ownerFingerprint,
            String wrappedForOwner, String delegateFingerprint, String wrappedForDelegate) {
        ObjectNode copy = document.deepCopy();
        ArrayNode pair = objectField(copy, "hcPartyKeys").putArray(delegateId);
        pair.add(wrappedForOwner);
        pair.add(wrappedForDelegate);
        ObjectNode entries = objectField(objectField(copy, "aesExchangeKeys"), ownerSpkiHex).putObject(delegateId);
        entries.put(delegateFingerprint, wrappedForDelegate);
        entries.put(ownerFingerprint, wrappedForOwner);
        return new HealthcareParty(copy);
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

    private static Map<String, List<PairKeyEntry>> readPairKeyEntries(JsonNode node) {
        if (!(node instanceof ObjectNode map)) {
            return Map.of();
        }
        Map<String, List<PairKeyEntry>> result = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> byDelegate = it.next();
            if (!byDelegate.getValue().isArray()) {
                continue;
            }
            List<PairKeyEntry> entries = new java.util.ArrayList<>();
            for (JsonNode item : byDelegate.getValue()) {
                readPairKeyEntry(item).ifPresent(entries::add);
            }
            result.put(byDelegate.getKey(), List.copyOf(entries));
        }
        return Documents.unmodifiable(result);
    }

    private static List<SigningKeyRotation> readSigningKeyRotations(JsonNode node) {
        if (!(node instanceof ArrayNode array)) {
            return List.of();
        }
        List<SigningKeyRotation> rotations = new java.util.ArrayList<>();
        for (JsonNode item : array) {
            if (item instanceof ObjectNode object) {
                String previous = text(object, "previous");
                String next = text(object, "next");
                String signature = text(object, "signature");
                if (previous != null && next != null && signature != null) {
                    rotations.add(new SigningKeyRotation(previous, next, signature));
                }
            }
        }
        return List.copyOf(rotations);
    }

    private static Optional<PairKeyEntry> readPairKeyEntry(JsonNode item) {
        if (!(item instanceof ObjectNode object)) {
            return Optional.empty();
        }
        String suite = text(object, "suite");
        String id = text(object, "id");
        if (suite == null || id == null) {
            return Optional.empty();
        }
        if (object.path("displaced").asBoolean(false)) {
            if (!(object.get("copies") instanceof ObjectNode copies) || copies.isEmpty()) {
                return Optional.empty();
            }
            Map<String, String> displaced = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = copies.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> copy = it.next();
                if (!copy.getValue().isTextual()) {
                    return Optional.empty();
                }
                displaced.put(copy.getKey(), copy.getValue().asText());
            }
            return Optional.of(new PairKeyEntry(suite, id, "", "", "", "", Optional.empty(), displaced));
        }
        String ownerKey = text(object, "ownerKey");
        String delegateKey = text(object, "delegateKey");
        String forOwner = text(object, "forOwner");
        String forDelegate = text(object, "forDelegate");
        if (ownerKey == null || delegateKey == null || forOwner == null || forDelegate == null) {
            return Optional.empty();
        }
        return Optional.of(new PairKeyEntry(suite, id, ownerKey, delegateKey, forOwner, forDelegate,
                Optional.ofNullable(text(object, "signature")), Map.of()));
    }

    private static String text(ObjectNode object, String field) {
        JsonNode node = object.get(field);
        return node != null && node.isTextual() ? node.asText() : null;
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
