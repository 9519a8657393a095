package org.medcrypt.store.jdbc;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.medcrypt.model.HealthcareParty;

/**
 * Party documents this store read or saved, by id. The api reads a pair key's owner document for
 * every value it opens (three per contact), so without this a 1,000-contact read is 3,000 reads
 * of one party document.
 *
 * <p>Two ways to use it. <b>Revision-checked</b> ({@link #last}): the store still reads the
 * stored revision every time and takes the cached instance only if it is unchanged: one small
 * query instead of a document, and the same instance, which the api's per-document memo of opened
 * pair keys needs. <b>Coherent</b> ({@link #fresh}): while {@link #coherent()} — on PostgreSQL, a
 * listener receives a notification for every committed change of a party row (a trigger,
 * {@code LISTEN medcrypt_parties}) and invalidates its entry — the entry is served without a
 * query. An entry read before an invalidation of its id, or before the listener last
 * (re)connected, is never served.
 */
final class PartyCache {

    private static final int CAPACITY = 10_000;

    private record Entry(HealthcareParty party, long version, long epoch) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    /** Invalidations seen per id, so that a read racing one is not cached. */
    private final Map<String, Long> versions = new ConcurrentHashMap<>();
    /** Bumped when invalidations may have been missed (listener (re)connected or lost): every entry goes. */
    private final AtomicLong epoch = new AtomicLong();
    private volatile boolean coherent;

    /** Whether invalidations are being delivered, so that {@link #fresh} may answer without a query. */
    boolean coherent() {
        return coherent;
    }

    /** Invalidations are delivered from now on; nothing cached before counts. */
    void startCoherent() {
        epoch.incrementAndGet();
        coherent = true;
    }

    /** Invalidations may be missed from now on. */
    void stopCoherent() {
        coherent = false;
        epoch.incrementAndGet();
    }

    /** A token to pass to {@link #offer}: taken before reading, it refuses a read an invalidation raced. */
    long[] before(String id) {
        return new long[] {versions.getOrDefault(id, 0L), epoch.get()};
    }

    /** The cached document, if coherent and not invalidated since it was read. */
    Optional<HealthcareParty> fresh(String id) {
        if (!coherent) {
            return Optional.empty();
        }
        Entry entry = entries.get(id);
        if (entry == null || entry.version != versions.getOrDefault(id, 0L) || entry.epoch != epoch.get()) {
            return Optional.empty();
        }
        return Optional.of(entry.party);
    }

    /** The instance last cached for {@code id}, whatever its age (to compare revisions with). */
    HealthcareParty last(String id) {
        Entry entry = entries.get(id);
        return entry == null ? null : entry.party;
    }

    /**
     * Caches {@code party}, read after {@code token} was taken. If an invalidation came after the
     * token, it is kept as the {@link #last} instance but never served as {@link #fresh}.
     */
    void offer(HealthcareParty party, long[] token) {
        if (entries.size() >= CAPACITY) {
            entries.clear();
        }
        entries.put(party.id(), new Entry(party, token[0], token[1]));
    }

    /**
     * The stored document of {@code id} changed (or may have): no longer {@link #fresh}. It stays
     * the {@link #last} instance, which a revision check may find still current.
     */
    void invalidate(String id) {
        versions.merge(id, 1L, Long::sum);
    }

    /** Every document may have changed. */
    void invalidateAll() {
        epoch.incrementAndGet();
    }

    /** Forgets {@code id} (it is not stored). */
    void forget(String id) {
        entries.remove(id);
    }
}
