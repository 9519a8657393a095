package org.medcrypt.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.medcrypt.FormatException;

/** Reading and writing the typed fields of iCure documents, with errors that name the field. */
final class Documents {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Documents() {
    }

    static String requiredText(ObjectNode document, String field, String what) {
        JsonNode node = document.get(field);
        if (node == null || node.isNull()) {
            throw new FormatException(what + " has no '" + field + "'");
        }
        if (!node.isTextual() || node.asText().isEmpty()) {
            throw new FormatException(what + ": '" + field + "' must be a non-empty string");
        }
        String text = node.asText();
        if (!isWellFormed(text)) {
            // a lone surrogate becomes '?' in UTF-8, so two ids would bind the same associated data
            throw new FormatException(what + ": '" + field + "' is not well-formed Unicode (a lone surrogate)");
        }
        return text;
    }

    /** True unless {@code text} holds a lone (unpaired) UTF-16 surrogate. */
    static boolean isWellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    static Optional<String> optionalText(ObjectNode document, String field, String what) {
        JsonNode node = document.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw new FormatException(what + ": '" + field + "' must be a string");
        }
        return Optional.of(node.asText());
    }

    static ObjectNode optionalObject(ObjectNode document, String field, String what) {
        JsonNode node = document.get(field);
        if (node == null || node.isNull()) {
            return NODES.objectNode();
        }
        if (!node.isObject()) {
            throw new FormatException(what + ": '" + field + "' must be a JSON object");
        }
        return (ObjectNode) node;
    }

    static List<String> stringList(JsonNode node, String what) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new FormatException(what + " must be a JSON array of strings");
        }
        List<String> values = new ArrayList<>(node.size());
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw new FormatException(what + " must contain only strings");
            }
            values.add(item.asText());
        }
        return List.copyOf(values);
    }

    static Map<String, List<Delegation>> delegations(ObjectNode document, String field, String what) {
        ObjectNode map = optionalObject(document, field, what);
        Map<String, List<Delegation>> result = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String delegate = entry.getKey();
            String where = what + "." + field + "['" + delegate + "']";
            if (!entry.getValue().isArray()) {
                throw new FormatException(where + " must be a JSON array of delegations");
            }
            List<Delegation> list = new ArrayList<>();
            int index = 0;
            for (JsonNode item : entry.getValue()) {
                String itemWhere = where + "[" + index++ + "]";
                if (!item.isObject()) {
                    throw new FormatException(itemWhere + " must be an object {owner, delegatedTo, key}");
                }
                ObjectNode object = (ObjectNode) item;
                String owner = requiredText(object, "owner", itemWhere);
                String delegatedTo = requiredText(object, "delegatedTo", itemWhere);
                String key = requiredText(object, "key", itemWhere);
                if (!delegatedTo.equals(delegate)) {
                    throw new FormatException(itemWhere + ".delegatedTo is not its map key '" + delegate + "'");
                }
                list.add(new Delegation(owner, delegatedTo, key));
            }
            result.put(delegate, List.copyOf(list));
        }
        return unmodifiable(result);
    }

    static ObjectNode delegationsJson(Map<String, List<Delegation>> delegations) {
        ObjectNode map = NODES.objectNode();
        delegations.forEach((delegate, list) -> {
            ArrayNode array = map.putArray(delegate);
            for (Delegation delegation : list) {
                ObjectNode item = array.addObject();
                item.put("owner", delegation.owner());
                item.put("delegatedTo", delegation.delegatedTo());
                item.put("key", delegation.key());
            }
        });
        return map;
    }

    static <K, V> Map<K, V> unmodifiable(Map<K, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /**
     * {@code document} with {@code rev} set: in place when it has one, else right after {@code id}
     * (where iCure writes it), every other field kept in order. Returns a new node.
     */
    static ObjectNode withRev(ObjectNode document, String rev) {
        if (document.has(EncryptableEntity.REV)) {
            ObjectNode copy = document.deepCopy();
            copy.put(EncryptableEntity.REV, rev);
            return copy;
        }
        ObjectNode copy = NODES.objectNode();
        boolean placed = false;
        for (java.util.Iterator<Map.Entry<String, JsonNode>> it = document.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            copy.set(field.getKey(), field.getValue().deepCopy());
            if (!placed && field.getKey().equals("id")) {
                copy.put(EncryptableEntity.REV, rev);
                placed = true;
            }
        }
        if (!placed) {
            copy.put(EncryptableEntity.REV, rev);
        }
        return copy;
    }
}
