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

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
