package org.medcrypt.benchmarks;

import java.util.Random;

/** Deterministic test data (the bytes' values do not matter to the speed of the operations). */
final class Data {

    private Data() {
    }

    /** {@code length} pseudo-random bytes from {@code seed}; not key material for real use. */
    static byte[] bytes(int length, long seed) {
        byte[] out = new byte[length];
        new Random(seed).nextBytes(out);
        return out;
    }

    /** {@code length} printable ASCII characters that need no JSON escaping. */
    static String text(int length, long seed) {
        Random random = new Random(seed);
        char[] out = new char[length];
        String alphabet = "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789.,;";
        for (int i = 0; i < length; i++) {
            out[i] = alphabet.charAt(random.nextInt(alphabet.length()));
        }
        return new String(out);
    }

    /**
     * {@code tag 00 ‖ f(field)…} with {@code f(x) = 4-byte big-endian length ‖ UTF-8 bytes}: how
     * docs/v2-format.md builds associated data, OAEP labels and signed messages (so the benchmarks
     * feed the primitives inputs of the real length).
     */
    static byte[] tagged(String tag, String... fields) {
        return tagged(tag, new byte[0], fields);
    }

    /** Same as {@link #tagged(String, String...)} with fixed-length {@code raw} bytes after the tag. */
    static byte[] tagged(String tag, byte[] raw, String... fields) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(tag.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.write(0);
        out.writeBytes(raw);
        for (String field : fields) {
            byte[] bytes = field.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            out.write(bytes.length >>> 24);
            out.write(bytes.length >>> 16);
            out.write(bytes.length >>> 8);
            out.write(bytes.length);
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
