package org.medcrypt.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.medcrypt.FormatException;

/**
 * medcrypt's Jackson configuration: strict on input (duplicate keys and trailing content are
 * errors, since an ambiguous document is a way to smuggle a second value past a check), bounded
 * by {@link JsonLimits} (depth, string, number and key length, document and dataset size), and
 * stable on output.
 */
public final class MedcryptJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder(com.fasterxml.jackson.core.JsonFactory.builder()
                    .streamReadConstraints(JsonLimits.streamReadConstraints(JsonLimits.MAX_DATASET_BYTES))
                    .build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private static final java.util.regex.Pattern LONG_QUOTE = java.util.regex.Pattern.compile("'[^'\\s]{12,}'");

    private MedcryptJson() {
    }

    private static final com.fasterxml.jackson.databind.ObjectReader READER = MAPPER.reader();

    /** A reader with medcrypt's strict settings (immutable, thread-safe). */
    public static com.fasterxml.jackson.databind.ObjectReader reader() {
        return READER;
    }

    /** For building new JSON trees. */
    public static com.fasterxml.jackson.databind.node.JsonNodeFactory nodes() {
        return MAPPER.getNodeFactory();
    }

    /** A reader of values in the middle of a stream (the strict reader refuses what follows a value). */
    private static final com.fasterxml.jackson.databind.ObjectReader VALUE_READER =
            READER.without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * Parses a JSON object. The items of its top-level arrays are documents (a dataset's
     * entities and parties): each may take at most {@link JsonLimits#MAX_DOCUMENT_BYTES}, the
     * whole at most {@link JsonLimits#MAX_DATASET_BYTES}, and every {@link JsonLimits} applies.
     *
     * @param what names the input in the error message
     * @throws FormatException if the text is not one well-formed JSON object, or goes over a
     *     limit (the message names it)
     */
    public static ObjectNode parseObject(byte[] json, String what) {
        if (json.length > JsonLimits.MAX_DATASET_BYTES) {
            throw overLimit(what, String.format(java.util.Locale.ROOT, "%,d bytes, ", json.length)
                    + JsonLimits.limit("more than %,d", JsonLimits.MAX_DATASET_BYTES, "MAX_DATASET_BYTES"), null);
        }
        JsonParser parser = null;
        try {
            parser = READER.createParser(json);
            if (parser.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
                if (parser.currentToken() == null) {
                    throw new FormatException(what + " is empty: it must be a JSON object");
                }
                VALUE_READER.readTree(parser); // a syntax error in what is there is the better message
                throw new FormatException(what + " must be a JSON object");
            }
            ObjectNode object = nodes().objectNode();
            while (parser.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                if (parser.nextToken() == com.fasterxml.jackson.core.JsonToken.START_ARRAY) {
                    com.fasterxml.jackson.databind.node.ArrayNode items = object.putArray(name);
                    while (parser.nextToken() != com.fasterxml.jackson.core.JsonToken.END_ARRAY) {
                        long start = parser.currentTokenLocation().getByteOffset();
                        JsonNode item = VALUE_READER.readTree(parser);
                        long size = parser.currentLocation().getByteOffset() - start;
                        if (size > JsonLimits.MAX_DOCUMENT_BYTES) {
                            throw overLimit(what, String.format(java.util.Locale.ROOT, "%s[%d] takes %,d bytes, ", name,
                                    items.size(), size) + JsonLimits.limit("more than %,d", JsonLimits.MAX_DOCUMENT_BYTES,
                                    "MAX_DOCUMENT_BYTES"), parser.currentTokenLocation());
                        }
                        items.add(item);
                    }
                } else {
                    object.set(name, VALUE_READER.readTree(parser));
                }
            }
            if (parser.nextToken() != null) {
                throw new FormatException(what + " is not valid JSON: content after its JSON object"
                        + at(parser.currentTokenLocation()));
            }
            return object;
        } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
            // Jackson's limits may come without a location: the parser's is used then
            throw overLimit(what, JsonLimits.describe(e.getMessage()),
                    e.getLocation() != null || parser == null ? e.getLocation() : parser.currentLocation());
        } catch (JsonProcessingException e) {
            throw new FormatException(what + " is not valid JSON: "
                    + withoutQuotedInput(String.valueOf(e.getOriginalMessage())) + at(e.getLocation()));
        } catch (NumberFormatException e) {
            // floats are read as BigDecimal (kept exactly): an exponent past its int range, such as
            // 0.5e7444400000003, is valid JSON that BigDecimal refuses (found by DatasetFuzzTest)
            throw new FormatException(what + " holds a number medcrypt cannot represent (its exponent is out of range)"
                    + at(parser == null ? null : parser.currentLocation()));
        } catch (IOException e) {
            throw new FormatException(what + " could not be read: " + e.getMessage(), e);
        } finally {
            if (parser != null) {
                try {
                    parser.close();
                } catch (IOException ignored) {
                    // an in-memory parser
                }
            }
        }
    }

    private static FormatException overLimit(String what, String limit, com.fasterxml.jackson.core.JsonLocation at) {
        return new FormatException(what + " is over a limit of medcrypt's JSON reader: " + limit
                + "; see 'Limits' in medcrypt's README" + at(at));
    }

    private static String at(com.fasterxml.jackson.core.JsonLocation at) {
        return at == null || at.getLineNr() < 0 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    /**
     * Jackson quotes up to 256 characters of an unexpected token. If a key file is passed where a
     * document was expected, that would be key material in a message: long quoted tokens go.
     */
    static String withoutQuotedInput(String message) {
        return LONG_QUOTE.matcher(message).replaceAll("'…'");
    }

    /**
     * Same as {@link #parseObject(byte[], String)} for JSON text.
     *
     * @param what names the input in the error message
     * @throws FormatException if the text is not one well-formed JSON object
     */
    public static ObjectNode parseObject(String json, String what) {
        return parseObject(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), what);
    }

    /** Compact UTF-8 JSON. */
    public static byte[] toBytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    /** Indented JSON text for files and terminals. */
    public static String toPrettyString(JsonNode node) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }
}
