package org.medcrypt.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Unambiguous byte strings for associated data and signed messages: every variable part is
 * length-prefixed, so no two different tuples encode to the same bytes.
 */
public final class Bytes {

    private static final Base64.Encoder URL_ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder URL_DECODER = Base64.getUrlDecoder();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(128);

    private Bytes() {
    }

    /** A builder that starts with a fixed ASCII tag (domain separation). */
    public static Bytes tagged(String tag) {
        Bytes bytes = new Bytes();
        bytes.out.writeBytes(tag.getBytes(StandardCharsets.US_ASCII));
        bytes.out.write(0);
        return bytes;
    }

    /** Appends raw bytes, not length-prefixed: only for fixed-length parts. */
    public Bytes raw(byte[] value) {
        out.writeBytes(value);
        return this;
    }

    /** Appends a 4-byte big-endian length, then the bytes. */
    public Bytes field(byte[] value) {
        int length = value.length;
        out.write(length >>> 24);
        out.write(length >>> 16);
        out.write(length >>> 8);
        out.write(length);
        out.writeBytes(value);
        return this;
    }

    /** Appends a length-prefixed UTF-8 string. */
    public Bytes field(String value) {
        return field(value.getBytes(StandardCharsets.UTF_8));
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }

    /** base64url without padding: no {@code +}, {@code /} or {@code =}, so never standard base64. */
    public static String base64Url(byte[] bytes) {
        return URL_ENCODER.encodeToString(bytes);
    }

    /** Strict base64url without padding; empty if {@code text} is anything else. */
    public static Optional<byte[]> fromBase64Url(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                return Optional.empty();
            }
        }
        if (text.length() % 4 == 1) {
            return Optional.empty();
        }
        try {
            byte[] decoded = URL_DECODER.decode(text);
            // refuse non-canonical encodings (unused low bits set), so one value has one spelling
            return base64Url(decoded).equals(text) ? Optional.of(decoded) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
