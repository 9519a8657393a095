package org.medcrypt.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.medcrypt.json.MedcryptJson;

/**
 * Parses a decrypted {@code encryptedSelf}: strict UTF-8, then one JSON object with medcrypt's
 * strict settings (no duplicate keys, nothing after the object).
 *
 * <p>Why not Jackson's byte parser: it decodes UTF-8 one byte at a time and builds a long string
 * value in segments joined by a {@code StringBuilder}, which for a 64 KiB note cost ten times the
 * AES-GCM that decrypted it. The JDK's strict decoder has a vectorised ASCII path, and Jackson's
 * parser over a {@code char[]} that holds the whole text turns a string value into one
 * {@code String} copy. The intermediate characters are plaintext: the array is wiped.
 */
public final class ContentJson {

    private ContentJson() {
    }

    /**
     * The JSON object {@code json} holds, or empty if it is not strict UTF-8 or not exactly one
     * well-formed object without duplicate keys. Never throws for bad input.
     */
    public static Optional<ObjectNode> parseObject(byte[] json) {
        char[] chars = new char[json.length]; // UTF-8 never decodes to more UTF-16 units than bytes
        try {
            int length = decodeStrictly(json, chars);
            if (length < 0) {
                return Optional.empty();
            }
            ObjectReader reader = MedcryptJson.reader();
            try (JsonParser parser = reader.createParser(chars, 0, length)) {
                JsonNode node = reader.readTree(parser);
                return node instanceof ObjectNode object ? Optional.of(object) : Optional.empty();
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    /** The number of characters decoded into {@code out}, or -1 if {@code in} is not strict UTF-8. */
    private static int decodeStrictly(byte[] in, char[] out) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer target = CharBuffer.wrap(out);
        CoderResult result = decoder.decode(ByteBuffer.wrap(in), target, true);
        if (!result.isUnderflow()) {
            return -1;
        }
        if (!decoder.flush(target).isUnderflow()) {
            return -1;
        }
        return target.position();
    }
}
