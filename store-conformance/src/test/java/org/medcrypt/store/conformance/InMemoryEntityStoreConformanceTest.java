package org.medcrypt.store.conformance;

import org.medcrypt.store.EntityStore;
import org.medcrypt.store.InMemoryEntityStore;

/** The api's in-memory store passes the kit. */
class InMemoryEntityStoreConformanceTest extends EntityStoreConformance {

    @Override
    protected EntityStore newStore() {
        return new InMemoryEntityStore();
    }
}
