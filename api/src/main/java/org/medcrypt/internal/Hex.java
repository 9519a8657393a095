package org.medcrypt.internal;

import org.medcrypt.FormatException;

/** Lower-case hexadecimal, as iCure writes it; decoding accepts either case. */
public final class Hex {

    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {
    }

    public static String encode(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
            out[2 * i + 1] = DIGITS[bytes[i] & 0xf];
        }
        return new String(out);
    }

    /**
     * Decodes hex.
     *
     * @param what names the value in the error message (never the value itself)
     * @throws FormatException if the text has an odd length or a non-hex character
     */
    public static byte[] decode(CharSequence hex, String what) {
        int length = hex.length();
        if (length % 2 != 0) {
            throw new FormatException(what + " is not valid hex: odd number of digits (" + length + ")");
        }
        byte[] out = new byte[length / 2];
        for (int i = 0; i < out.length; i++) {
            int high = digit(hex.charAt(2 * i));
            int low = digit(hex.charAt(2 * i + 1));
            if (high < 0 || low < 0) {
                throw new FormatException(what + " is not valid hex: a character at position "
                        + (high < 0 ? 2 * i : 2 * i + 1) + " is not a hex digit");
            }
            out[i] = (byte) ((high << 4) | low);
        }
        return out;
    }

    /** The bytes of an even-length hex string (either case), or null if it is anything else; one pass. */
    public static byte[] decodeOrNull(CharSequence hex) {
        int length = hex.length();
        if (length % 2 != 0) {
            return null;
        }
        byte[] out = new byte[length / 2];
        int bad = 0;
        for (int i = 0; i < out.length; i++) {
            int high = digit(hex.charAt(2 * i));
            int low = digit(hex.charAt(2 * i + 1));
            bad |= high | low;
            out[i] = (byte) ((high << 4) | low);
        }
        return bad < 0 ? null : out;
    }

    public static boolean isHex(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (digit(text.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /** 0-15 for an ASCII hex digit, else -1 (unlike {@link Character#digit}, no other scripts). */
    public static int digit(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
