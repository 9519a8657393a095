package org.medcrypt.spi;

/** Cryptographically secure random bytes. Thread-safe. */
public interface SecureRandomSource {

    /** Fills {@code bytes} with random bytes. */
    void nextBytes(byte[] bytes);

    /** Returns {@code length} fresh random bytes. */
    default byte[] bytes(int length) {
        if (length < 0) {
            throw new IllegalArgumentException("length must not be negative: " + length);
        }
        byte[] out = new byte[length];
        nextBytes(out);
        return out;
    }
}
