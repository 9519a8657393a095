package org.medcrypt.keys;

import java.util.Objects;
import org.medcrypt.KeyException;

/**
 * iCure's short name for a public key: the last 32 hex characters of its SubjectPublicKeyInfo
 * hex. Used as the inner key of {@code aesExchangeKeys}.
 *
 * @param value 32 lower-case hex characters
 */
public record KeyFingerprint(String value) {

    /** Hex digits in a fingerprint: the last 32 of the SubjectPublicKeyInfo hex, as iCure takes them. */
    public static final int LENGTH = 32;

    public KeyFingerprint {
        Objects.requireNonNull(value, "value");
    }

    /** The fingerprint of a public key given as SPKI hex. */
    public static KeyFingerprint of(String spkiHex) {
        Objects.requireNonNull(spkiHex, "spkiHex");
        if (spkiHex.length() < LENGTH) {
            throw new KeyException("a public key must be SubjectPublicKeyInfo hex of at least "
                    + LENGTH + " characters; got " + spkiHex.length());
        }
        return new KeyFingerprint(spkiHex.substring(spkiHex.length() - LENGTH).toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public String toString() {
        return value;
    }
}
