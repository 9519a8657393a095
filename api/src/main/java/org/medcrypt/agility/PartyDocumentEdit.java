package org.medcrypt.agility;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.medcrypt.model.HealthcareParty;
import org.medcrypt.model.PairKeyEntry;

/**
 * A party document being changed by key rotation: a private copy of its JSON, edited in place,
 * turned back into an immutable {@link HealthcareParty} at the end. Every edit adds; none removes
 * a wrapped copy (older data may need it).
 */
final class PartyDocumentEdit {

    static final String REQUESTS = "medcryptKeyUpdateRequests";

    private final HealthcareParty original;
    private final ObjectNode document;
    private boolean changed;

    PartyDocumentEdit(HealthcareParty original) {
        this.original = original;
        this.document = original.toJson();
    }

    HealthcareParty original() {
        return original;
    }

    boolean changed() {
        return changed;
    }

    HealthcareParty build() {
        return changed ? HealthcareParty.fromJson(document) : original;
    }

    /** Puts {@code entry} first in {@code medcryptPairKeys[delegate]}, so readers meet it before the entries it re-signs. */
    void prependEntry(String delegate, PairKeyEntry entry) {
        ObjectNode pairKeys = object(document, HealthcareParty.PAIR_KEYS);
        JsonNode existing = pairKeys.get(delegate);
        ArrayNode list = pairKeys.arrayNode();
        ObjectNode item = list.addObject();
        item.put("suite", entry.suite());
        item.put("id", entry.id());
        item.put("ownerKey", entry.ownerKey());
        item.put("delegateKey", entry.delegateKey());
        item.put("forOwner", entry.forOwner());
        item.put("forDelegate", entry.forDelegate());
        entry.signature().ifPresent(signature -> item.put("signature", signature));
        if (existing instanceof ArrayNode old) {
            list.addAll(old);
        }
        pairKeys.set(delegate, list);
        changed = true;
    }

    /** {@code aesExchangeKeys[ownerSpki][delegate][fingerprint] = wrapped} (iCure's multi-key form). */
    void putExchangeCopy(String ownerSpki, String delegate, String fingerprint, String wrapped) {
        object(object(object(document, "aesExchangeKeys"), ownerSpki), delegate).put(fingerprint, wrapped);
        changed = true;
    }

    /** The outer key (owner SPKI) of the {@code aesExchangeKeys} slot for {@code delegate} that holds {@code wrapped}. */
    Optional<String> exchangeSlotHolding(String delegate, String wrapped) {
        for (Map.Entry<String, Map<String, Map<String, String>>> byOwnerKey : original.aesExchangeKeys().entrySet()) {
            Map<String, String> copies = byOwnerKey.getValue().get(delegate);
            if (copies != null && copies.containsValue(wrapped)) {
                return Optional.of(byOwnerKey.getKey());
            }
        }
        return Optional.empty();
    }

    /** An empty {@code aesExchangeKeys[spki]} if there is none, so that iCure lists {@code spki} among the party's keys. */
    void ensureExchangeKeyOwner(String spki) {
        ObjectNode exchange = object(document, "aesExchangeKeys");
        if (!exchange.has(spki)) {
            exchange.putObject(spki);
            changed = true;
        }
    }

    /** Adds {@code fingerprint → wrapped} to the copies of the displaced entry {@code id} for {@code delegate}. */
    void addDisplacedCopy(String delegate, String id, String fingerprint, String wrapped) {
        JsonNode list = object(document, HealthcareParty.PAIR_KEYS).get(delegate);
        if (list instanceof ArrayNode array) {
            for (JsonNode item : array) {
                if (item instanceof ObjectNode entry && id.equals(entry.path("id").asText(null))
                        && entry.path("displaced").asBoolean(false) && entry.get("copies") instanceof ObjectNode copies) {
                    copies.put(fingerprint, wrapped);
                    changed = true;
                    return;
                }
            }
        }
    }

    void putText(String field, String value) {
        document.put(field, value);
        changed = true;
    }

    /** Appends to {@code medcryptSigningKeyRotations}. */
    void addSigningKeyRotation(org.medcrypt.model.SigningKeyRotation rotation) {
        JsonNode list = document.get(HealthcareParty.SIGNING_KEY_ROTATIONS);
        ArrayNode array = list instanceof ArrayNode existing ? existing : document.putArray(HealthcareParty.SIGNING_KEY_ROTATIONS);
        ObjectNode item = array.addObject();
        item.put("previous", rotation.previous());
        item.put("next", rotation.next());
        item.put("signature", rotation.signature());
        changed = true;
    }

    // ---------------------------------------------------------------- key-update requests

    /** The requests this party's document holds, as written (malformed ones left out). */
    static List<KeyUpdateRequest> requests(HealthcareParty party) {
        JsonNode list = party.toJson().get(REQUESTS);
        List<KeyUpdateRequest> requests = new ArrayList<>();
        if (list instanceof ArrayNode array) {
            for (JsonNode item : array) {
                read(party.id(), item).ifPresent(requests::add);
            }
        }
        return requests;
    }

    void addRequest(KeyUpdateRequest request) {
        JsonNode list = document.get(REQUESTS);
        ArrayNode array = list instanceof ArrayNode existing ? existing : document.putArray(REQUESTS);
        ObjectNode item = array.addObject();
        item.put("id", request.id());
        item.put("taskType", KeyUpdateRequest.TASK_TYPE);
        item.put("status", request.status());
        item.put("responsible", request.granter());
        ArrayNode properties = item.putArray("properties");
        property(properties, "dataOwnerConcernedId", request.requester());
        property(properties, "dataOwnerConcernedPubKey", request.newPublicKey());
        ArrayNode proofs = item.putArray("medcryptProofs");
        request.proofs().forEach(proofs::add);
        changed = true;
    }

    void setRequestStatus(String id, String status) {
        JsonNode list = document.get(REQUESTS);
        if (list instanceof ArrayNode array) {
            for (JsonNode item : array) {
                if (item instanceof ObjectNode request && id.equals(request.path("id").asText(null))) {
                    request.put("status", status);
                    changed = true;
                }
            }
        }
    }

    private static void property(ArrayNode properties, String id, String value) {
        ObjectNode property = properties.addObject();
        property.put("id", id);
        property.putObject("type").put("type", "STRING");
        ObjectNode typed = property.putObject("typedValue");
        typed.put("type", "STRING");
        typed.put("stringValue", value);
    }

    private static Optional<KeyUpdateRequest> read(String requester, JsonNode item) {
        if (!(item instanceof ObjectNode request) || !KeyUpdateRequest.TASK_TYPE.equals(request.path("taskType").asText(null))) {
            return Optional.empty();
        }
        String id = request.path("id").asText(null);
        String status = request.path("status").asText(null);
        String granter = request.path("responsible").asText(null);
        String concerned = null;
        String publicKey = null;
        for (JsonNode property : request.path("properties")) {
            String value = property.path("typedValue").path("stringValue").asText(null);
            switch (property.path("id").asText("")) {
                case "dataOwnerConcernedId" -> concerned = value;
                case "dataOwnerConcernedPubKey" -> publicKey = value;
                default -> { }
            }
        }
        List<String> proofs = new ArrayList<>();
        for (JsonNode proof : request.path("medcryptProofs")) {
            if (proof.isTextual()) {
                proofs.add(proof.asText());
            }
        }
        if (id == null || status == null || granter == null || publicKey == null || !requester.equals(concerned)) {
            return Optional.empty();
        }
        return Optional.of(new KeyUpdateRequest(id, requester, granter, publicKey, status, proofs));
    }

    private static ObjectNode object(ObjectNode parent, String name) {
        JsonNode node = parent.get(name);
        return node instanceof ObjectNode object ? object : parent.putObject(name);
    }
}
