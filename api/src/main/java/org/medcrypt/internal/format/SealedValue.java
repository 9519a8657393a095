package org.medcrypt.internal.format;

import java.util.Objects;
import java.util.Optional;

/**
 * A stored value (a small key or an {@code encryptedSelf}) decoded from its text once, before any
 * decryption, so that trying several keys does not decode it again: its ciphertext bytes and, for
 * v2, the pair key id it names. Holds only ciphertext and public data.
 */
public final class SealedValue {

    private final byte[] bytes;
    private final int offset;
    private final Optional<String> pairKeyId;

    SealedValue(byte[] bytes, Optional<String> pairKeyId) {
        this(bytes, 0, pairKeyId);
    }

    /** From {@code offset} on: an {@code encryptedSelf} keeps its decoded envelope rather than copy its body. */
    SealedValue(byte[] bytes, int offset, Optional<String> pairKeyId) {
        this.bytes = Objects.requireNonNull(bytes, "bytes");
        if (offset < 0 || offset > bytes.length) {
            throw new IllegalArgumentException("offset " + offset + " outside " + bytes.length + " bytes");
        }
        this.offset = offset;
        this.pairKeyId = Objects.requireNonNull(pairKeyId, "pairKeyId");
    }

    /**
     * v1: the decoded ciphertext; v2: the envelope's body (what follows the header) from
     * {@link #offset()} on. Not a copy.
     */
    byte[] bytes() {
        return bytes;
    }

    /** Where the value starts in {@link #bytes()}. */
    int offset() {
        return offset;
    }

    /** The id of the pair key a v2 small key names; empty for v1 (readers try each key) and for content. */
    public Optional<String> pairKeyId() {
        return pairKeyId;
    }

    @Override
    public String toString() {
        return "SealedValue[" + (bytes.length - offset) + " bytes" + pairKeyId.map(id -> ", pair key " + id).orElse("") + "]";
    }
}
