package org.medcrypt.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.medcrypt.AccessDeniedException;
import org.medcrypt.CryptoException;
import org.medcrypt.FormatException;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.sharing.DecryptedEntity;

/**
 * For the commands that read every entity of a kind ({@code decrypt} without {@code --id},
 * {@code contacts-of}): an entity addressed to the party that does not open is skipped and
 * named, so that one entry a store wrote (a junk delegation, a spoilt {@code encryptedSelf})
 * hides nothing else. Exit code {@value ExitCodes#PARTIAL} when something was skipped and
 * something was read, {@value ExitCodes#CRYPTO_FAILURE} when nothing addressed to the party could
 * be read at all.
 */
final class SkippedEntities {

    private final PartySession session;
    private final List<String> skipped = new ArrayList<>();

    SkippedEntities(PartySession session) {
        this.session = session;
    }

    /**
     * The entity decrypted; empty if it is not shared with the party, or if it is addressed to it
     * and does not open (then it is counted).
     */
    Optional<DecryptedEntity<?>> read(EncryptableEntity<?> entity) {
        try {
            return session.readable(entity) ? Optional.of(session.decrypted(entity)) : Optional.empty();
        } catch (CryptoException | FormatException | AccessDeniedException e) {
            // the message says no more than which entity: every failure to open reads the same
            skipped.add(PartySession.describe(entity));
            return Optional.empty();
        }
    }

    boolean any() {
        return !skipped.isEmpty();
    }

    int count() {
        return skipped.size();
    }

    /** One line on stderr naming the skipped entities, if any. */
    void report(PrintWriter err) {
        if (skipped.isEmpty()) {
            return;
        }
        err.println("medcrypt: decryption failed for " + (skipped.size() == 1 ? "1 entity" : skipped.size() + " entities")
                + " addressed to '" + session.me() + "' (modified data, or keys not given: after a key rotation, add "
                + "the old keys with more --key options); left out: "
                + ExitCodes.oneLine(Listing.of(skipped)));
    }

    /** The exit code once the entities read (if {@code readAny}) were printed. */
    int exitCode(boolean readAny) {
        if (skipped.isEmpty()) {
            return ExitCodes.OK;
        }
        return readAny ? ExitCodes.PARTIAL : ExitCodes.CRYPTO_FAILURE;
    }
}
