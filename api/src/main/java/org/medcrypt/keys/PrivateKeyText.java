package org.medcrypt.keys;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.medcrypt.KeyException;
import org.medcrypt.internal.Hex;

/**
 * Reads private keys as people keep them: PKCS#8 DER as hex (what iCure exports) or PEM
 * ({@code -----BEGIN PRIVATE KEY-----}, PKCS#8), one key or, with {@link #parseAllPkcs8}, several
 * in one file (an RSA key and an Ed25519 signing key, say). Error messages never quote the key.
 */
public final class PrivateKeyText {

    private static final String PEM_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String PEM_END = "-----END PRIVATE KEY-----";
    private static final byte[] DASHES = "-----".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PEM_BEGIN_BYTES = PEM_BEGIN.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PEM_END_BYTES = PEM_END.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BEGIN_ANY = "-----BEGIN ".getBytes(StandardCharsets.US_ASCII);

    private PrivateKeyText() {
    }

    /**
     * Returns the PKCS#8 DER bytes (the caller owns them and should wipe them).
     *
     * @throws KeyException if the text is neither PKCS#8 hex nor a PKCS#8 PEM block
     */
    public static byte[] parsePkcs8(String text) {
        return parse(text.strip());
    }

    /**
     * Same as {@link #parsePkcs8(String)} for the bytes of a key file (ASCII), so that a caller
     * can wipe them; no {@code String} copy of the key is made for hex keys.
     */
    public static byte[] parsePkcs8(byte[] asciiText) {
        int start = 0;
        int end = asciiText.length;
        while (start < end && Character.isWhitespace(asciiText[start])) {
            start++;
        }
        while (end > start && Character.isWhitespace(asciiText[end - 1])) {
            end--;
        }
        if (end - start >= 10 && asciiText[start] == '-') {
            return parse(new String(asciiText, start, end - start, StandardCharsets.US_ASCII));
        }
        if ((end - start) % 2 != 0 || end == start) {
            throw new KeyException(end == start ? "the private key is empty"
                    : "the private key is neither PKCS#8 hex nor PKCS#8 PEM");
        }
        byte[] out = new byte[(end - start) / 2];
        for (int i = 0; i < out.length; i++) {
            int high = Hex.digit(asciiText[start + 2 * i]);
            int low = Hex.digit(asciiText[start + 2 * i + 1]);
            if (high < 0 || low < 0) {
                java.util.Arrays.fill(out, (byte) 0);
                throw new KeyException("the private key is neither PKCS#8 hex nor PKCS#8 PEM");
            }
            out[i] = (byte) ((high << 4) | low);
        }
        return out;
    }

    /**
     * All the PKCS#8 keys in the bytes of a key file (ASCII), in file order: either one or more
     * PEM blocks {@code -----BEGIN PRIVATE KEY-----} … {@code -----END PRIVATE KEY-----} with
     * nothing but whitespace around them, or one or more keys as hex. Hex keys are split where
     * each key's DER {@code SEQUENCE} ends, so one key a line (as iCure exports them), keys one
     * after the other, and a key wrapped over several lines all read the same. The key type is
     * not checked here: {@link DataOwnerKeys#fromPkcs8} tells RSA and Ed25519 keys apart.
     *
     * <p>No {@code String} copy of key material is made, and the intermediate buffers are wiped;
     * the caller owns the returned arrays and should wipe them, and {@code asciiText} too.
     *
     * @return at least one key
     * @throws KeyException if the text is empty, mixes PEM and hex, has a PEM block of another
     *     kind (such as {@code RSA PRIVATE KEY}), invalid base64 or hex, or a key whose DER
     *     framing is truncated or malformed; the message says which block or key, never its bytes
     */
    public static List<byte[]> parseAllPkcs8(byte[] asciiText) {
        java.util.Objects.requireNonNull(asciiText, "asciiText");
        List<byte[]> keys = new ArrayList<>(2);
        try {
            if (indexOf(asciiText, DASHES, 0) >= 0) {
                parseAllPem(asciiText, keys);
            } else {
                parseAllHex(asciiText, keys);
            }
        } catch (RuntimeException e) {
            keys.forEach(key -> Arrays.fill(key, (byte) 0));
            throw e;
        }
        if (keys.isEmpty()) {
            throw new KeyException("the key file is empty");
        }
        return keys;
    }

    private static void parseAllPem(byte[] text, List<byte[]> keys) {
        int at = skipWhitespace(text, 0);
        while (at < text.length) {
            int block = keys.size() + 1;
            if (!startsWith(text, at, PEM_BEGIN_BYTES)) {
                if (startsWith(text, at, BEGIN_ANY)) {
                    throw new KeyException("PEM block #" + block + " is not a PKCS#8 private key: only PKCS#8 PEM ("
                            + PEM_BEGIN + ") is supported; convert with 'openssl pkcs8 -topk8 -nocrypt'");
                }
                throw new KeyException("the key file has text outside its PEM blocks (before block #" + block
                        + "): a key file holds only PKCS#8 PEM blocks, or only hex keys");
            }
            int bodyStart = at + PEM_BEGIN_BYTES.length;
            int end = indexOf(text, PEM_END_BYTES, bodyStart);
            int nextBegin = indexOf(text, DASHES, bodyStart);
            if (end < 0 || nextBegin != end) {
                throw new KeyException("PEM block #" + block + " has no " + PEM_END + " line");
            }
            int length = 0;
            for (int i = bodyStart; i < end; i++) {
                length += isWhitespace(text[i]) ? 0 : 1;
            }
            byte[] base64 = new byte[length];
            for (int i = bodyStart, j = 0; i < end; i++) {
                if (!isWhitespace(text[i])) {
                    base64[j++] = text[i];
                }
            }
            try {
                byte[] der = Base64.getDecoder().decode(base64);
                keys.add(der);
                requireOneSequence(der, "PEM block #" + block);
            } catch (IllegalArgumentException e) {
                throw new KeyException("PEM block #" + block + " is not valid base64");
            } finally {
                Arrays.fill(base64, (byte) 0);
            }
            at = skipWhitespace(text, end + PEM_END_BYTES.length);
        }
    }

    private static void parseAllHex(byte[] text, List<byte[]> keys) {
        byte[] der = new byte[text.length / 2];
        int length = 0;
        int high = -1;
        try {
            for (byte c : text) {
                if (isWhitespace(c)) {
                    continue;
                }
                int digit = Hex.digit(c);
                if (digit < 0) {
                    throw new KeyException("the key file is neither PKCS#8 hex nor PKCS#8 PEM");
                }
                if (high < 0) {
                    high = digit;
                } else {
                    der[length++] = (byte) ((high << 4) | digit);
                    high = -1;
                }
            }
            if (high >= 0) {
                throw new KeyException("the key file is neither PKCS#8 hex nor PKCS#8 PEM (odd number of hex digits)");
            }
            int at = 0;
            while (at < length) {
                String what = "hex key #" + (keys.size() + 1);
                int end = at + sequenceLength(der, at, length, what);
                keys.add(Arrays.copyOfRange(der, at, end));
                at = end;
            }
        } finally {
            Arrays.fill(der, (byte) 0);
        }
    }

    /** Fails unless {@code der} is exactly one DER {@code SEQUENCE}, as a PKCS#8 key is. */
    private static void requireOneSequence(byte[] der, String what) {
        if (sequenceLength(der, 0, der.length, what) != der.length) {
            throw new KeyException(what + " is not one PKCS#8 key: it has bytes after the key's DER SEQUENCE");
        }
    }

    /** The length, header included, of the DER {@code SEQUENCE} at {@code at}; checks it fits before {@code limit}. */
    private static int sequenceLength(byte[] der, int at, int limit, String what) {
        String notPkcs8 = what + " is not PKCS#8 (it is not a DER SEQUENCE)";
        if (limit - at < 2 || der[at] != 0x30) {
            throw new KeyException(notPkcs8);
        }
        int first = der[at + 1] & 0xff;
        int header = 2;
        long contentLength;
        if (first < 0x80) {
            contentLength = first;
        } else {
            int octets = first & 0x7f;
            if (octets == 0 || octets > 3 || limit - at < 2 + octets) {
                throw new KeyException(notPkcs8);
            }
            contentLength = 0;
            for (int i = 0; i < octets; i++) {
                contentLength = (contentLength << 8) | (der[at + 2 + i] & 0xff);
            }
            header += octets;
        }
        if (contentLength > limit - at - header) {
            throw new KeyException(what + " is truncated: its DER SEQUENCE is longer than what the file holds");
        }
        return (int) (header + contentLength);
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == 0x0b;
    }

    private static int skipWhitespace(byte[] text, int from) {
        int at = from;
        while (at < text.length && isWhitespace(text[at])) {
            at++;
        }
        return at;
    }

    private static boolean startsWith(byte[] text, int at, byte[] prefix) {
        return text.length - at >= prefix.length && Arrays.equals(text, at, at + prefix.length, prefix, 0, prefix.length);
    }

    private static int indexOf(byte[] text, byte[] needle, int from) {
        for (int i = from; i <= text.length - needle.length; i++) {
            if (startsWith(text, i, needle)) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] parse(String trimmed) {
        if (trimmed.isEmpty()) {
            throw new KeyException("the private key is empty");
        }
        if (trimmed.startsWith("-----BEGIN")) {
            if (!trimmed.startsWith(PEM_BEGIN)) {
                throw new KeyException("only PKCS#8 PEM (" + PEM_BEGIN + ") is supported; convert with "
                        + "'openssl pkcs8 -topk8 -nocrypt'");
            }
            // searched after the BEGIN line: "-----BEGIN PRIVATE KEY-----END PRIVATE KEY-----" shares dashes
            int end = trimmed.indexOf(PEM_END, PEM_BEGIN.length());
            if (end < 0) {
                throw new KeyException("the PEM private key has no " + PEM_END + " line");
            }
            String body = trimmed.substring(PEM_BEGIN.length(), end).replaceAll("\\s", "");
            try {
                return Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw new KeyException("the PEM private key is not valid base64");
            }
        }
        String hex = trimmed.replaceAll("\\s", "");
        if (!Hex.isHex(hex) || hex.length() % 2 != 0) {
            throw new KeyException("the private key is neither PKCS#8 hex nor PKCS#8 PEM");
        }
        return Hex.decode(hex, "private key");
    }
}
