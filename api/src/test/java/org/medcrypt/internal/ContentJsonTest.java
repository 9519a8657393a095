package org.medcrypt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.medcrypt.json.MedcryptJson;

/** The parser of decrypted {@code encryptedSelf}s: as strict as {@link MedcryptJson}, and exact. */
class ContentJsonTest {

    @Test
    void parsesAnObjectExactlyAsJacksonsByteParserDoes() throws Exception {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            ObjectNode object = MedcryptJson.nodes().objectNode();
            object.put("note", randomText(random, random.nextInt(round < 100 ? 50 : 100_000)));
            object.put("n", random.nextLong());
            object.putArray("list").add(randomText(random, 5)).add(true).addNull();
            object.putObject("nested").put("\u00e9t\u00e9 \ud83d\ude00", randomText(random, 20));
            byte[] json = MedcryptJson.toBytes(object);
            ObjectNode expected = (ObjectNode) MedcryptJson.reader().readTree(json.clone());

            assertThat(ContentJson.parseObject(json)).hasValue(expected);
        }
    }

    @Test
    void refusesWhatMedcryptJsonRefuses() {
        assertThat(parse("{\"a\":1,\"a\":2}")).as("duplicate keys").isEmpty();
        assertThat(parse("{\"a\":1} {\"b\":2}")).as("trailing content").isEmpty();
        assertThat(parse("{\"a\":1} x")).as("trailing junk").isEmpty();
        assertThat(parse("[1,2]")).as("not an object").isEmpty();
        assertThat(parse("\"text\"")).as("not an object").isEmpty();
        assertThat(parse("")).as("empty").isEmpty();
        assertThat(parse("{\"a\":")).as("truncated").isEmpty();
    }

    @Test
    void refusesMalformedUtf8ThatALenientDecoderWouldReplace() {
        byte[] prefix = "{\"a\":\"".getBytes(StandardCharsets.US_ASCII);
        byte[] suffix = "\"}".getBytes(StandardCharsets.US_ASCII);
        for (byte[] bad : new byte[][] {{(byte) 0x80}, {(byte) 0xc3}, {(byte) 0xc0, (byte) 0xaf},
                {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}}) {
            byte[] json = new byte[prefix.length + bad.length + suffix.length];
            System.arraycopy(prefix, 0, json, 0, prefix.length);
            System.arraycopy(bad, 0, json, prefix.length, bad.length);
            System.arraycopy(suffix, 0, json, prefix.length + bad.length, suffix.length);
            assertThat(ContentJson.parseObject(json)).as("bytes %s", hexOf(bad)).isEmpty();
        }
    }

    private static String hexOf(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(bytes);
    }

    private static java.util.Optional<ObjectNode> parse(String json) {
        return ContentJson.parseObject(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String randomText(Random random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(20);
            text.append(kind == 0 ? '"' : kind == 1 ? '\\' : kind == 2 ? '\u00e9' : kind == 3 ? '\u4e2d'
                    : kind == 4 ? '\n' : (char) ('a' + random.nextInt(26)));
        }
        return text.toString();
    }
}
