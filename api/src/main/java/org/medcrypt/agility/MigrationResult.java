package org.medcrypt.agility;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link Migration#run()} did (or, in a dry run, would do). Immutable; public data only.
 *
 * @param migrated entities re-encrypted into v2 (content and small keys)
 * @param alreadyV2 entities that needed nothing (a second run reports everything here)
 * @param skipped entities left as they were, with the reason: not readable by this party, a content
 *     key another party wrote, a delegate this party did not give access itself (under a pair key it
 *     may share under), another party holding it under its own pair key, or a delegate no v2 pair
 *     key could be had with
 * @param relinked entities not migrated themselves (not readable by this party, say) whose
 *     {@code secretForeignKeys} were given their parent's new v2 secret id (a clear search tag;
 *     nothing encrypted in them changed), so that they stay findable
 * @param delegates per delegate, in the order first met
 * @param written whether the store was changed (false for a dry run and when there was nothing to do)
 * @param keptV1 whether v1 entries and v1 {@code encryptedSelf} were kept for iCure's SDK
 */
public record MigrationResult(List<EntityRef> migrated, List<EntityRef> alreadyV2, List<Skipped> skipped,
        List<EntityRef> relinked, Map<String, DelegateOutcome> delegates, boolean written, boolean keptV1) {
    public MigrationResult {
        migrated = List.copyOf(migrated);
        alreadyV2 = List.copyOf(alreadyV2);
        skipped = List.copyOf(skipped);
        relinked = List.copyOf(relinked);
        delegates = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(Objects.requireNonNull(delegates)));
    }

    /** True if the run changed, or in a dry run would change, something. */
    public boolean changes() {
        return !migrated.isEmpty() || !relinked.isEmpty();
    }
}
