package org.medcrypt.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.HexFormat;
import org.medcrypt.AccessDeniedException;
import org.medcrypt.DecryptionFailedException;
import org.medcrypt.FormatException;
import org.medcrypt.json.Dataset;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.EntityType;
import org.medcrypt.sharing.DelegationService;

/**
 * A store's edit of one stored value of the patient or the contact that A shared with B, as
 * the fuzzer directs, then B's read of it. {@link DelegationService#decrypt} documents {@link
 * AccessDeniedException}, {@link DecryptionFailedException} and {@link FormatException}; a
 * document the model refuses is a {@link FormatException}. Anything else is a finding.
 */
final class StoredValues {

    private static final String[] MAPS = {"delegations", "encryptionKeys", "cryptedForeignKeys"};
    private static final String[] FIELDS = {"owner", "delegatedTo", "key"};

    private StoredValues() {
    }

    /** Edits one value as {@code data} says, and has B read the result. */
    static void editAndRead(Parties parties, FuzzedDataProvider data, String envelopePrefix) {
        boolean contact = data.consumeBoolean();
        EntityType type = contact ? EntityType.CONTACT : EntityType.PATIENT;
        String id = contact ? Parties.CONTACT : Parties.PATIENT;
        ObjectNode json = parties.store.entity(type, id).orElseThrow().toJson();
        int edits = data.consumeInt(1, 3);
        for (int i = 0; i < edits && data.remainingBytes() > 0; i++) {
            edit(json, data, envelopePrefix);
        }
        EncryptableEntity<?> entity;
        try {
            entity = Dataset.entity(type, json);
        } catch (FormatException documented) {
            return;
        }
        read(parties.b, entity);
    }

    private static void edit(ObjectNode json, FuzzedDataProvider data, String envelopePrefix) {
        switch (data.consumeInt(0, 4)) {
            case 0 -> json.put("encryptedSelf", value(data, json.path("encryptedSelf").asText(""), envelopePrefix));
            case 1, 2 -> {
                ObjectNode map = object(json, MAPS[data.consumeInt(0, MAPS.length - 1)]);
                String delegate = data.consumeBoolean() ? "B" : data.consumeString(8);
                ArrayNode entries = map.get(delegate) instanceof ArrayNode a ? a : map.putArray(delegate);
                ObjectNode entry;
                if (entries.isEmpty() || data.consumeBoolean()) {
                    entry = entries.addObject();
                    entry.put("owner", data.consumeBoolean() ? "A" : data.consumeString(8));
                    entry.put("delegatedTo", delegate);
                } else {
                    JsonNode first = entries.get(data.consumeInt(0, entries.size() - 1));
                    entry = first instanceof ObjectNode o ? o : entries.addObject();
                }
                String field = FIELDS[data.consumeInt(0, FIELDS.length - 1)];
                entry.put(field, value(data, entry.path(field).asText(""), envelopePrefix));
            }
            case 3 -> {
                ArrayNode keys = json.get("secretForeignKeys") instanceof ArrayNode a ? a
                        : json.putArray("secretForeignKeys");
                keys.add(value(data, keys.isEmpty() ? "" : keys.get(0).asText(""), envelopePrefix));
            }
            default -> json.put(data.consumeString(12), value(data, "", envelopePrefix));
        }
    }

    /** A new value: the old one with a change, or raw text, hex, base64 or an envelope of fuzz bytes. */
    private static String value(FuzzedDataProvider data, String old, String envelopePrefix) {
        return switch (data.consumeInt(0, 4)) {
            case 0 -> {
                if (old.isEmpty()) {
                    yield data.consumeString(64);
                }
                char[] chars = old.toCharArray();
                int at = data.consumeInt(0, chars.length - 1);
                chars[at] = data.consumeChar();
                yield new String(chars);
            }
            case 1 -> HexFormat.of().formatHex(data.consumeBytes(data.consumeInt(0, 200)));
            case 2 -> Base64.getEncoder().encodeToString(data.consumeBytes(data.consumeInt(0, 300)));
            case 3 -> envelopePrefix + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(data.consumeBytes(data.consumeInt(0, 300)));
            default -> data.consumeString(200);
        };
    }

    private static ObjectNode object(ObjectNode parent, String name) {
        return parent.get(name) instanceof ObjectNode o ? o : parent.putObject(name);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void read(DelegationService b, EncryptableEntity<?> entity) {
        try {
            b.canRead(entity);
            b.decrypt((EncryptableEntity) entity);
        } catch (AccessDeniedException | DecryptionFailedException | FormatException documented) {
            // what decrypt documents
        }
    }
}
