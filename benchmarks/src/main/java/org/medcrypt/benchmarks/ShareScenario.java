package org.medcrypt.benchmarks;

import java.security.GeneralSecurityException;
import java.util.List;
import org.medcrypt.keys.DataOwnerKeys;
import org.medcrypt.keys.PairKeyCache;
import org.medcrypt.model.EntityType;
import org.medcrypt.sharing.CascadeShareResult;
import org.medcrypt.sharing.DelegationService;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.Suite;
import org.medcrypt.store.InMemoryEntityStore;

/**
 * Sharing a record of N contacts with a new party, in one suite: A (who wrote the patient and all
 * its contacts) calls {@code shareWithCascade(patient, "X")} with a warm pair-key cache. That
 * creates the pair key {A→X} (two RSA public-key operations and an Ed25519 signature) and, per
 * entity, decrypts its 2–3 small keys and encrypts them again for X, then saves everything at once.
 *
 * <p>Sharing changes the store, so {@link #prepare()} (outside the measurement) gives each share
 * a fresh copy of the original store.
 */
public final class ShareScenario {

    private final CryptoProvider provider;
    private final Suite suite;
    private final int contacts;
    private final InMemoryEntityStore original;
    private final DataOwnerKeys ownerKeys;
    private final PairKeyCache cache = PairKeyCache.create();
    private DelegationService owner;

    public ShareScenario(String providerId, Suite suite, int contacts) throws GeneralSecurityException {
        this.provider = Impls.provider(providerId);
        this.suite = suite;
        this.contacts = contacts;
        this.original = Scheme.storeWith(List.of("A", "X"));
        this.ownerKeys = Scheme.keys(provider, "A");
        DelegationService a = Scheme.service(provider, original, ownerKeys, cache, suite);
        a.createPatient(Scheme.document("patient", "note", Data.text(200, 41)));
        for (int i = 0; i < contacts; i++) {
            a.createChild(EntityType.CONTACT, Scheme.document("c" + i, "descr", Data.text(120, 2000 + i)),
                    original.patient("patient").orElseThrow());
        }
        prepare();
    }

    /** A fresh copy of the unshared store, and a service of A on it. */
    public void prepare() {
        owner = Scheme.service(provider, Scheme.copyOf(original), ownerKeys, cache, suite);
    }

    /** Shares the patient and all its contacts; returns how many entities changed. */
    public int share() {
        CascadeShareResult result = owner.shareWithCascade(owner.store().patient("patient").orElseThrow(), "X");
        return result.shared().size();
    }

    public void verify() {
        prepare();
        int shared = share();
        if (shared != contacts + 1) {
            throw new IllegalStateException("shared " + shared + " entities, expected " + (contacts + 1));
        }
        prepare();
    }
}
