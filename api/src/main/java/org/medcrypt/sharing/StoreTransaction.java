package org.medcrypt.sharing;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.medcrypt.ConflictException;
import org.medcrypt.internal.keys.PairKeyForSharing;
import org.medcrypt.internal.keys.PairKeys;
import org.medcrypt.store.EntityStore;
import org.medcrypt.store.StoreUpdate;

/**
 * The one retry loop: an operation computes an update from the stored documents, and the update
 * lands only if those documents are still the stored ones; otherwise the operation starts again
 * from the store, a few times, then a {@link ConflictException}. New pair keys are cached only
 * once their document is saved.
 */
final class StoreTransaction {

    static final int MAX_ATTEMPTS = 8;

    /** What one attempt produced: the update to apply (empty: nothing to do), its pair keys, the result. */
    record Attempt<R>(Optional<StoreUpdate.Builder> update, List<PairKeyForSharing> pairKeys, R result) {
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

    /** Runs {@code attempt} (given the attempt number, from 0) until its update lands or needs none. */
    <R> R run(Function<Integer, Attempt<R>> attempt, String whatKeptChanging) {
        for (int number = 0; number < MAX_ATTEMPTS; number++) {
            Attempt<R> result = attempt.apply(number);
            if (result.update().isEmpty() || apply(result.update().get(), result.pairKeys())) {
                return result.result();
            }
        }
        throw new ConflictException(whatKeptChanging + " kept changing in the store: try again");
    }

    private boolean apply(StoreUpdate.Builder update, List<PairKeyForSharing> keys) {
        Optional<PairKeyForSharing> last = keys.stream().filter(key -> key.updatedOwner().isPresent())
                .reduce((first, second) -> second);
        // each key for sharing builds on the one before, so the last updated document holds them all
        last.ifPresent(key -> update.expectParty(me, key.ownerDocument()).save(key.updatedOwner().get()));
        if (!store.apply(update.build())) {
            return false;
        }
        keys.forEach(key -> pairKeys.remember(key.key()));
        return true;
    }
}
