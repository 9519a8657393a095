package org.medcrypt.keys;

import java.util.Base64;
import org.medcrypt.KeyException;
import org.medcrypt.internal.Hex;

/**
 * Reads an RSA private key as people keep it: PKCS#8 DER as hex (what iCure exports) or PEM
 * ({@code -----BEGIN PRIVATE KEY-----}, PKCS#8). Error messages never quote the key.
 */
public final class PrivateKeyText {

    private static final String PEM_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String PEM_END = "-----END PRIVATE KEY-----";

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
            return parse(new String(asciiText, start, end - start, java.nio.charset.StandardCharsets.US_ASCII));
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

    private static byte[] parse(String trimmed) {
        if (trimmed.isEmpty()) {
            throw new KeyException("the private key is empty");
        }
        if (trimmed.startsWith("-----BEGIN")) {
            if (!trimmed.startsWith(PEM_BEGIN)) {
                throw new KeyException("only PKCS#8 PEM (" + PEM_BEGIN + ") is supported; convert with "
                        + "'openssl pkcs8 -topk8 -nocrypt'");
            }
            int end = trimmed.indexOf(PEM_END);
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
