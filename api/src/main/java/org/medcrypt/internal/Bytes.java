package org.medcrypt.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Unambiguous byte strings for associated data and signed messages: every variable part is
 * length-prefixed, so no two different tuples encode to the same bytes.
 */
public final class Bytes {

    private static final Base64.Encoder URL_ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder URL_DECODER = Base64.getUrlDecoder();
    /** base64url digit values by ASCII code, -1 for anything else. */
    private static final byte[] URL_VALUES = new byte[128];

    static {
        Arrays.fill(URL_VALUES, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < alphabet.length(); i++) {
            URL_VALUES[alphabet.charAt(i)] = (byte) i;
        }
    }

    // a plain buffer: these are built on every small key read, and ByteArrayOutputStream locks per write
    private byte[] buffer = new byte[128];
    private int length;

    private Bytes() {
    }

    /** A builder that starts with a fixed ASCII tag (domain separation). */
    public static Bytes tagged(String tag) {
        Bytes bytes = new Bytes();
        bytes.raw(tag.getBytes(StandardCharsets.US_ASCII));
        bytes.ensure(1);
        bytes.buffer[bytes.length++] = 0;
        return bytes;
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(2 * buffer.length, length + more));
        }
    }

    /** Appends raw bytes, not length-prefixed: only for fixed-length parts. */
    public Bytes raw(byte[] value) {
        return raw(value, 0, value.length);
    }

    /** Appends {@code count} raw bytes of {@code value} from {@code from} on, not length-prefixed. */
    public Bytes raw(byte[] value, int from, int count) {
        ensure(count);
        System.arraycopy(value, from, buffer, length, count);
        length += count;
        return this;
    }

    /** Appends a 4-byte big-endian length, then the bytes. */
    public Bytes field(byte[] value) {
        int n = value.length;
        ensure(4 + n);
        buffer[length] = (byte) (n >>> 24);
        buffer[length + 1] = (byte) (n >>> 16);
        buffer[length + 2] = (byte) (n >>> 8);
        buffer[length + 3] = (byte) n;
        System.arraycopy(value, 0, buffer, length + 4, n);
        length += 4 + n;
        return this;
    }

    /** Appends a length-prefixed UTF-8 string. */
    public Bytes field(String value) {
        return field(value.getBytes(StandardCharsets.UTF_8));
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, length);
    }

    /** base64url without padding: no {@code +}, {@code /} or {@code =}, so never standard base64. */
    public static String base64Url(byte[] bytes) {
        return URL_ENCODER.encodeToString(bytes);
    }

    /**
     * Strict base64url without padding; empty if {@code text} is anything else. Strict means one
     * spelling per value: only the 64 digits, never a length that leaves one digit alone, and the
     * unused low bits of a last partial group zero (the canonical spelling {@link #base64Url} writes).
     */
    public static Optional<byte[]> fromBase64Url(String text) {
        return Optional.ofNullable(fromBase64UrlOrNull(text, 0));
    }

    /**
     * {@link #fromBase64Url} of {@code text} from {@code from} on, or null. The JDK's decoder does
     * the work (an intrinsic on recent x86: several GB/s, where a loop over the characters makes a
     * few hundred MB/s, which a 64 KiB {@code encryptedSelf} felt); it already refuses any other
     * character and a lone last digit, and this adds what it allows: padding, non-zero unused bits,
     * and characters beyond Latin-1 (the copy it decodes keeps only each character's low byte).
     */
    // String.getBytes(int, int, byte[], int): the low byte of each char, as wanted (checked Latin-1 first)
    @SuppressWarnings("deprecation")
    public static byte[] fromBase64UrlOrNull(String text, int from) {
        int n = text.length() - from;
        if (n > 0 && (text.charAt(text.length() - 1) == '=' || (n % 4 != 0 && !canonicalEnd(text, n)))) {
            return null;
        }
        if (!isLatin1(text, from)) {
            return null; // the decoder would see only each char's low byte: a char beyond Latin-1 could pass as a digit
        }
        try {
            // The decoder reads bytes: the text is copied once, into this thread's scratch buffer
            // when it fits (a fresh 64 KiB array per read cost as much as the decoding itself).
            // The scratch only ever holds the text of stored values: public, nothing to wipe.
            byte[] latin1 = scratch(n);
            text.getBytes(from, text.length(), latin1, 0);
            ByteBuffer decoded = URL_DECODER.decode(ByteBuffer.wrap(latin1, 0, n));
            byte[] array = decoded.array();
            return decoded.arrayOffset() == 0 && decoded.position() == 0 && decoded.limit() == array.length ? array
                    : Arrays.copyOfRange(array, decoded.arrayOffset() + decoded.position(), decoded.arrayOffset() + decoded.limit());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Texts shorter than this get a fresh array: cheap at that size, and no buffer kept for them. */
    static final int SCRATCH_FROM = 4 * 1024;
    /** The most a thread's scratch buffer grows to (values up to about 190 KiB); longer texts get a fresh array. */
    static final int SCRATCH_LIMIT = 256 * 1024;
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[0]);

    /** Room for {@code n} bytes: a fresh array, or this thread's scratch buffer (grown on demand). */
    private static byte[] scratch(int n) {
        if (n < SCRATCH_FROM || n > SCRATCH_LIMIT) {
            return new byte[n];
        }
        byte[] buffer = SCRATCH.get();
        if (buffer.length < n) {
            buffer = new byte[Math.min(SCRATCH_LIMIT, Math.max(n, 2 * buffer.length))];
            SCRATCH.set(buffer);
        }
        return buffer;
    }

    private static boolean isLatin1(String text, int from) {
        // String.getBytes(ISO_8859_1) turned such a char into '?', which the decoder refuses; the
        // copy above keeps only its low byte, so refuse it here (measured: 0.4 µs for the 87 Ki
        // characters of a 64 KiB value, against 5.2 µs of decoding)
        for (int i = from, end = text.length(); i < end; i++) {
            if (text.charAt(i) > 0xff) {
                return false;
            }
        }
        return true;
    }

    /** Whether the last digit of a partial group (2 or 3 digits) leaves its unused low bits zero. */
    private static boolean canonicalEnd(String text, int n) {
        int last = value(text.charAt(text.length() - 1));
        return switch (n % 4) {
            case 2 -> last >= 0 && (last & 0x0f) == 0;
            case 3 -> last >= 0 && (last & 0x03) == 0;
            default -> false; // a lone digit: never valid
        };
    }

    private static int value(char c) {
        return c < 128 ? URL_VALUES[c] : -1;
    }
}
