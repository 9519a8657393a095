package org.medcrypt.internal.format;

import java.util.Arrays;
import java.util.Optional;
import org.medcrypt.internal.Bytes;
import org.medcrypt.spi.Suite;

/**
 * The text form of every medcrypt-format value: {@code "mc2:" + base64url(header ‖ body)}, no
 * padding, where the header is three bytes: envelope version (2), suite code, {@link ValueRole}.
 *
 * <p>It cannot be mistaken for v1: v1 values are lower-case hex (small keys, wrapped keys) or
 * standard base64 ({@code encryptedSelf}), and {@code ':'} is in neither alphabet, so no v1 value
 * starts with {@code "mc2:"} and no v2 value is valid hex or base64. Decoding is strict (one
 * spelling per value) and returns empty for anything malformed.
 */
public final class V2Envelope {

    public static final String PREFIX = "mc2:";
    public static final int VERSION = 2;
    public static final int HEADER_LENGTH = 3;

    private V2Envelope() {
    }

    /** The suite's code in a header. */
    public static int code(Suite suite) {
        return switch (suite) {
            case V1_ICURE -> 1;
            case V2_GCM_OAEP256 -> 2;
        };
    }

    public static byte[] header(Suite suite, ValueRole role) {
        return new byte[] {VERSION, (byte) code(suite), (byte) role.code()};
    }

    public static String encode(byte[] header, byte[]... parts) {
        int length = header.length;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = Arrays.copyOf(header, length);
        int position = header.length;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, position, part.length);
            position += part.length;
        }
        return PREFIX + Bytes.base64Url(all);
    }

    public static boolean looksLikeOne(String value) {
        return value.startsWith(PREFIX);
    }

    /** The bytes after the header, if {@code value} is an envelope with exactly this suite and role. */
    public static Optional<byte[]> body(String value, Suite suite, ValueRole role) {
        byte[] all = decode(value, suite, role);
        return all == null ? Optional.empty() : Optional.of(Arrays.copyOfRange(all, HEADER_LENGTH, all.length));
    }

    /**
     * The whole decoded envelope, header included, if {@code value} is one with exactly this suite
     * and role; else null. One pass over the text, no copy of it.
     */
    static byte[] decode(String value, Suite suite, ValueRole role) {
        if (!value.startsWith(PREFIX)) {
            return null;
        }
        byte[] all = Bytes.fromBase64UrlOrNull(value, PREFIX.length());
        if (all == null || all.length < HEADER_LENGTH || all[0] != VERSION || all[1] != code(suite)
                || all[2] != role.code()) {
            return null;
        }
        return all;
    }
}
