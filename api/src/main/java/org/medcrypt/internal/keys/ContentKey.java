package org.medcrypt.internal.keys;

import java.util.Objects;
import org.medcrypt.spi.AesKey;

/**
 * A content key made ready to open one format's {@code encryptedSelf}: v1's key imported as it
 * is, or v2's key derived from it for one salt, with the commitment that derivation checked. What
 * it was made for ({@link #binding()}: nothing for v1; the salt and commitment for v2) is public
 * data from the stored value. Owned by whoever made it, or by {@link KeyCache}'s memo once kept
 * there; {@link #destroy()} wipes the key.
 */
public final class ContentKey {

    private static final byte[] NONE = {};

    private final AesKey key;
    private final byte[] binding;

    /** Takes ownership of {@code key}; {@code binding} is copied. */
    public ContentKey(AesKey key, byte[] binding) {
        this.key = Objects.requireNonNull(key, "key");
        this.binding = binding.length == 0 ? NONE : binding.clone();
    }

    public AesKey aesKey() {
        return key;
    }

    /** Whether this key was made for the stored bytes {@code bytes[offset, offset + length)} (constant time). */
    public boolean boundTo(byte[] bytes, int offset, int length) {
        if (length != binding.length || offset < 0 || offset > bytes.length - length) {
            return false;
        }
        // compared in place, every byte (no copy: this runs on every read of a kept key)
        int difference = 0;
        for (int i = 0; i < length; i++) {
            difference |= binding[i] ^ bytes[offset + i];
        }
        return difference == 0;
    }

    public void destroy() {
        key.destroy();
    }

    @Override
    public String toString() {
        return "ContentKey[<redacted>]";
    }
}
