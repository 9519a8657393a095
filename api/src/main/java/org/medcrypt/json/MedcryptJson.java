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
 * errors, since an ambiguous document is a way to smuggle a second value past a check), and
 * stable on output.
 */
public final class MedcryptJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
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

    /**
     * Parses a JSON object.
     *
     * @param what names the input in the error message
     * @throws FormatException if the text is not one well-formed JSON object
     */
    public static ObjectNode parseObject(byte[] json, String what) {
        JsonNode node;
        try {
            node = READER.readTree(json);
        } catch (JsonProcessingException e) {
            // Jackson's limits (nesting depth, string and number length) may come without a location
            com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
            throw new FormatException(what + (e instanceof com.fasterxml.jackson.core.exc.StreamConstraintsException
                    ? " is over a limit of the JSON reader: " : " is not valid JSON: ")
                    + withoutQuotedInput(String.valueOf(e.getOriginalMessage()))
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        } catch (IOException e) {
            throw new FormatException(what + " could not be read: " + e.getMessage(), e);
        }
        if (!(node instanceof ObjectNode object)) {
            throw new FormatException(what + " must be a JSON object");
        }
        return object;
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
