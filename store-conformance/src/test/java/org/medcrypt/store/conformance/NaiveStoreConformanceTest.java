package org.medcrypt.store.conformance;

import org.medcrypt.store.EntityStore;

/** A second store, with brute-force look-ups, passes the kit too: the kit asks for the contract, not one store's particulars. */
class NaiveStoreConformanceTest extends EntityStoreConformance {

    @Override
    protected EntityStore newStore() {
        return new NaiveStore(NaiveStore.Flaw.NONE);
    }
}
