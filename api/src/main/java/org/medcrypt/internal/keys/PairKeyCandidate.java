package org.medcrypt.internal.keys;

import java.util.Objects;
import java.util.Optional;
import org.medcrypt.keys.KeyFingerprint;
import org.medcrypt.model.PairKeyEntry;

/**
 * One wrapped copy of a pair key that a reader may be able to open, as found in the owner's
 * document, before any cryptography.
 *
 * @param id names the key (the wrapped copy included)
 * @param forKey the fingerprint of the reader's RSA key the copy is wrapped for, when the
 *     document says; empty for iCure's {@code hcPartyKeys}, where the reader tries each key
 * @param entry the signed {@code medcryptPairKeys} entry the copy belongs to, if any
 * @param displaced true for a copy medcrypt moved out of iCure's slots because it was not
 *     acceptable for sharing: readable, never shared under again
 */
public record PairKeyCandidate(PairKeyId id, Optional<KeyFingerprint> forKey, Optional<PairKeyEntry> entry,
        boolean displaced) {
    public PairKeyCandidate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(forKey, "forKey");
        Objects.requireNonNull(entry, "entry");
    }

    public PairKeyCandidate(PairKeyId id, Optional<KeyFingerprint> forKey, Optional<PairKeyEntry> entry) {
        this(id, forKey, entry, false);
    }
}
