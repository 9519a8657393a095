package org.medcrypt.agility;

import java.util.Objects;
import java.util.Optional;

/**
 * What a migration did for one delegate: how many entities it wrote v2 entries for, whether that
 * needed a new v2 pair key, or why it could not write for this delegate (then every entity listing
 * the delegate is skipped, and the delegate keeps exactly the access it had).
 *
 * @param delegate the delegate's party id
 * @param entities entities given v2 entries for the delegate (0 on failure)
 * @param newPairKey whether a new signed v2 pair key with the delegate was created
 * @param failure why no v2 pair key with the delegate could be had, if none could
 */
public record DelegateOutcome(String delegate, int entities, boolean newPairKey, Optional<String> failure) {
    public DelegateOutcome {
        Objects.requireNonNull(delegate, "delegate");
        Objects.requireNonNull(failure, "failure");
    }

    /** Whether this delegate was handled without a failure. */
    public boolean succeeded() {
        return failure.isEmpty();
    }
}
