package org.medcrypt.store.jdbc;

import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.junit.jupiter.api.AfterEach;
import org.medcrypt.store.EntityStore;
import org.medcrypt.store.conformance.EntityStoreConformance;

/**
 * The store conformance kit on PostgreSQL: a new schema of the test database for each store
 * ({@code MEDCRYPT_TEST_POSTGRES_URL}; required in CI, skipped elsewhere without it).
 */
@AddLifecycleHook(SkipWithoutPostgresql.class)
class PostgresqlConformanceTest extends EntityStoreConformance {

    private final TestDatabases databases = new TestDatabases();

    @Override
    protected EntityStore newStore() {
        return databases.open(databases.postgres());
    }

    @Override
    protected void closeStore(EntityStore store) {
        // at once (the kit's property test opens 40 stores in one test); the schemas go after the test
        ((JdbcEntityStore) store).close();
    }

    @AfterEach
    void dropSchemas() throws Exception {
        databases.close();
    }
}
