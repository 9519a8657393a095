package org.medcrypt.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.medcrypt.FormatException;
import org.medcrypt.MedcryptException;
import org.medcrypt.json.Dataset;
import org.medcrypt.json.JsonLimits;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.EntityType;
import org.medcrypt.model.HealthcareParty;

/**
 * Reads a dataset file one document at a time (Jackson streaming): memory holds one document,
 * not the file. Each document is validated as {@link Dataset} does; two documents of one type
 * and id are refused (the ids seen so far are kept, a few dozen bytes each). Top-level fields
 * other than the five collections are skipped and reported.
 */
final class DatasetReader {

    /** What the reader finds, in file order. */
    interface Visitor {
        void party(HealthcareParty party);

        void entity(EncryptableEntity<?> entity);

        /** A top-level field that is not one of the collections (not imported). */
        default void otherField(String name) {
        }

        /** Called after each document with the bytes read so far. */
        default void progress(long documents, long bytes) {
        }
    }

    private static final String PARTIES = "healthcareParties";
    /**
     * medcrypt's JSON limits per value ({@link JsonLimits}), strict about duplicate keys, but no
     * cap on the whole file: a store's import may be larger than a dataset file the commands
     * read whole ({@link JsonLimits#MAX_DATASET_BYTES}); each document is capped instead.
     */
    private static final ObjectReader DOCUMENT_READER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(JsonLimits.streamReadConstraints(Long.MAX_VALUE))
                    .build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build()
            .reader();

    private DatasetReader() {
    }

    /**
     * Reads {@code file} to the end, giving each document to {@code visitor}.
     *
     * @return the number of documents
     * @throws FormatException if the file is not a dataset, or a document is malformed or repeated
     *     (the message names the file and the document's place)
     */
    static long read(Path file, Visitor visitor) {
        String what = "dataset file " + file;
        Set<String> partyIds = new HashSet<>();
        Map<EntityType, Set<String>> entityIds = new EnumMap<>(EntityType.class);
        long documents = 0;
        try (InputStream in = Files.newInputStream(file); JsonParser parser = DOCUMENT_READER.createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new FormatException(what + " must be a JSON object {\"healthcareParties\": [...], \"patients\": [...], …}");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                EntityType type = typeOf(name);
                if (type == null && !name.equals(PARTIES)) {
                    parser.skipChildren();
                    visitor.otherField(name);
                    continue;
                }
                if (value == JsonToken.VALUE_NULL) {
                    continue;
                }
                if (value != JsonToken.START_ARRAY) {
                    throw new FormatException(what + ": '" + name + "' must be a JSON array");
                }
                int index = 0;
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    String where = what + ": " + name + "[" + index + "]";
                    if (parser.currentToken() != JsonToken.START_OBJECT) {
                        throw new FormatException(where + " must be a JSON object");
                    }
                    long from = parser.currentLocation().getByteOffset();
                    JsonNode node = DOCUMENT_READER.readTree(parser);
                    if (parser.currentLocation().getByteOffset() - from > JsonLimits.MAX_DOCUMENT_BYTES) {
                        throw new FormatException(String.format(java.util.Locale.ROOT, "%s takes more than %,d bytes "
                                + "(limit JsonLimits.MAX_DOCUMENT_BYTES)", where, JsonLimits.MAX_DOCUMENT_BYTES));
                    }
                    if (type == null) {
                        HealthcareParty party = parse(where, () -> HealthcareParty.fromJson((ObjectNode) node));
                        refuseRepeated(partyIds, party.id(), "healthcare party", where);
                        visitor.party(party);
                    } else {
                        EncryptableEntity<?> entity = parse(where, () -> Dataset.entity(type, (ObjectNode) node));
                        refuseRepeated(entityIds.computeIfAbsent(type, t -> new HashSet<>()), entity.id(),
                                PartySession.describe(type), where);
                        visitor.entity(entity);
                    }
                    documents++;
                    index++;
                    visitor.progress(documents, parser.currentLocation().getByteOffset());
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw new FormatException(what + " has content after its JSON object");
            }
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UserInputException("dataset file " + file + " does not exist: check --dataset");
        } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
            throw new FormatException(what + " goes over " + limit(e.getMessage()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new FormatException(what + " is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        } catch (IOException e) {
            throw new MedcryptException("cannot read " + what + ": " + e.getMessage(), e);
        }
        return documents;
    }

    /** Jackson names its getters; this names medcrypt's limit. */
    private static String limit(String jackson) {
        String message = String.valueOf(jackson);
        if (message.contains("getMaxNestingDepth")) {
            return "arrays and objects nested more than " + JsonLimits.MAX_NESTING_DEPTH + " deep (limit JsonLimits.MAX_NESTING_DEPTH)";
        }
        if (message.contains("getMaxStringLength")) {
            return "a JSON string of more than " + JsonLimits.MAX_STRING_LENGTH + " characters (limit JsonLimits.MAX_STRING_LENGTH)";
        }
        if (message.contains("getMaxNumberLength")) {
            return "a JSON number of more than " + JsonLimits.MAX_NUMBER_LENGTH + " characters (limit JsonLimits.MAX_NUMBER_LENGTH)";
        }
        if (message.contains("getMaxNameLength")) {
            return "a JSON key of more than " + JsonLimits.MAX_NAME_LENGTH + " characters (limit JsonLimits.MAX_NAME_LENGTH)";
        }
        return "a limit of the JSON reader (JsonLimits)";
    }

    private static <T> T parse(String where, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (FormatException e) {
            throw new FormatException(where + ": " + e.getMessage());
        }
    }

    private static void refuseRepeated(Set<String> seen, String id, String typeName, String where) {
        if (!seen.add(id)) {
            throw new FormatException(where + " is " + typeName + " '" + id + "' a second time: medcrypt needs one "
                    + "document per id; remove or rename one of them");
        }
    }

    private static EntityType typeOf(String collection) {
        for (EntityType type : EntityType.values()) {
            if (type.collection().equals(collection)) {
                return type;
            }
        }
        return null;
    }
}
