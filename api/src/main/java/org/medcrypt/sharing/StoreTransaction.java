package org.medcrypt.sharing;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.medcrypt.ConflictException;
import org.medcrypt.CryptoException;
import org.medcrypt.internal.keys.KeyCache;
import org.medcrypt.internal.keys.PairKeyForSharing;
import org.medcrypt.internal.keys.PairKeys;
import org.medcrypt.store.EntityStore;
import org.medcrypt.store.StoreUpdate;
import org.medcrypt.store.UpdateResult;

/**
 * The one retry loop: an operation computes an update from the stored documents, and the update
 * lands only if those documents are still the stored ones; otherwise the operation starts again
 * from the store, a few times, then a {@link ConflictException}. New pair keys are cached only
 * once their document is saved.
 */
final class StoreTransaction {

    static final int MAX_ATTEMPTS = 8;

    /**
     * What one attempt produced: the update to apply (empty: nothing to do), its pair keys, the
     * result, and the result once the update landed (made from the documents as saved, with the
     * revisions the store gave them, so that a caller can chain the next update on them).
     */
    record Attempt<R>(Optional<StoreUpdate.Builder> update, List<PairKeyForSharing> pairKeys, R result,
            Function<UpdateResult, R> whenSaved) {
        Attempt(Optional<StoreUpdate.Builder> update, List<PairKeyForSharing> pairKeys, R result) {
            this(update, pairKeys, result, saved -> result);
        }

        static <R> Attempt<R> nothingToDo(R result) {
            return new Attempt<>(Optional.empty(), List.of(), result);
        }
    }

    private final EntityStore store;
    private final PairKeys pairKeys;
    private final String me;

    StoreTransaction(EntityStore store, PairKeys pairKeys, String me) {
        this.store = store;
        this.pairKeys = pairKeys;
        this.me = me;
    }

    /**
     * Runs {@code attempt} (given the attempt number, from 0) until its update lands or needs none.
     * An attempt that failed to encrypt or decrypt ({@link CryptoException}, decryption failures
     * included) while the pair-key cache was cleared starts again with keys opened afresh, as a
     * conflict does: {@code clear()} on another thread destroys the keys it holds, also one this
     * attempt was using. A failure with no clear meanwhile is the caller's.
     */
    <R> R run(Function<Integer, Attempt<R>> attempt, String whatKeptChanging) {
        KeyCache cache = pairKeys.cache();
        for (int number = 0; number < MAX_ATTEMPTS; number++) {
            long generation = cache.generation();
            Attempt<R> result;
            try {
                result = attempt.apply(number);
            } catch (CryptoException e) {
                if (cache.generation() != generation && number + 1 < MAX_ATTEMPTS) {
                    continue;
                }
                throw e;
            }
            if (result.update().isEmpty()) {
                return result.result();
            }
            UpdateResult saved = apply(result.update().get(), result.pairKeys());
            if (saved.applied()) {
                return result.whenSaved().apply(saved);
            }
        }
        throw new ConflictException(whatKeptChanging + " kept changing in the store: try again");
    }

    private UpdateResult apply(StoreUpdate.Builder update, List<PairKeyForSharing> keys) {
        Optional<PairKeyForSharing> last = keys.stream().filter(key -> key.updatedOwner().isPresent())
                .reduce((first, second) -> second);
        // each key for sharing builds on the one before, so the last updated document holds them all
        last.ifPresent(key -> update.expectParty(me, key.ownerDocument()).save(key.updatedOwner().get()));
        UpdateResult result = store.apply(update.build());
        if (result.applied()) {
            keys.forEach(key -> pairKeys.remember(key.key()));
        }
        return result;
    }
}
