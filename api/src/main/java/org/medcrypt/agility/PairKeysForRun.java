package org.medcrypt.agility;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.medcrypt.MedcryptException;
import org.medcrypt.internal.format.WireFormat;
import org.medcrypt.internal.keys.PairKey;
import org.medcrypt.internal.keys.PairKeyForSharing;
import org.medcrypt.internal.keys.PairKeys;
import org.medcrypt.model.HealthcareParty;
import org.medcrypt.spi.Suite;
import org.medcrypt.store.StoreUpdate;

/**
 * The owner's pair keys with each delegate, one per format, fetched or created once per attempt
 * of an operation (not once per entity: an entity costs no RSA operation). New keys build on one
 * another in the owner's document, which is saved with the entities they encrypt and cached only
 * once saved. A delegate no key can be had with is remembered with the error.
 */
final class PairKeysForRun {

    private final PairKeys pairKeys;
    private final Map<Suite, Map<String, PairKeyForSharing>> keys = new HashMap<>();
    private final Map<Suite, Map<String, MedcryptException>> failures = new HashMap<>();
    private final Set<String> created = new LinkedHashSet<>();
    private Optional<HealthcareParty> stored = Optional.empty();
    private Optional<HealthcareParty> pending = Optional.empty();

    PairKeysForRun(PairKeys pairKeys) {
        this.pairKeys = pairKeys;
    }

    /**
     * The owner's pair key with {@code delegate} in {@code format}.
     *
     * @throws MedcryptException (again, each time) if none can be had: unknown delegate, no signing
     *     key to create one with, a delegate whose public key is not vouched for…
     */
    PairKey get(WireFormat format, String delegate) {
        MedcryptException failed = failures.getOrDefault(format.suite(), Map.of()).get(delegate);
        if (failed != null) {
            throw failed;
        }
        PairKeyForSharing known = keys.getOrDefault(format.suite(), Map.of()).get(delegate);
        if (known != null) {
            return known.key();
        }
        PairKeyForSharing key;
        try {
            key = pairKeys.forSharing(format, delegate, pending);
        } catch (MedcryptException e) {
            failures.computeIfAbsent(format.suite(), s -> new HashMap<>()).put(delegate, e);
            throw e;
        }
        if (stored.isEmpty()) {
            stored = key.ownerDocument();
        }
        if (key.updatedOwner().isPresent() && !key.updatedOwner().equals(pending)) {
            created.add(delegate);
            pending = key.updatedOwner();
        }
        keys.computeIfAbsent(format.suite(), s -> new HashMap<>()).put(delegate, key);
        return key.key();
    }

    /** Whether a key with {@code delegate} in {@code format} can be had; fetches or creates it. */
    Optional<MedcryptException> failureFor(WireFormat format, String delegate) {
        try {
            get(format, delegate);
            return Optional.empty();
        } catch (MedcryptException e) {
            return Optional.of(e);
        }
    }

    /** Delegates a new pair key was created with in this attempt. */
    Set<String> createdWith() {
        return Set.copyOf(created);
    }

    /** Adds the owner's updated document, if new keys were created, on condition that the stored one is unchanged. */
    void addTo(StoreUpdate.Builder update, String me) {
        if (pending.isPresent()) {
            update.expectParty(me, stored).save(pending.get());
        }
    }

    /** Caches the keys once their document is saved. */
    void remember() {
        List<PairKey> all = new ArrayList<>();
        keys.values().forEach(byDelegate -> byDelegate.values().forEach(key -> all.add(key.key())));
        all.forEach(pairKeys::remember);
    }
}
