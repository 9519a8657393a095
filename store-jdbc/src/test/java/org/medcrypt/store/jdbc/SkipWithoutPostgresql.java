package org.medcrypt.store.jdbc;

import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/**
 * Skips the kit's jqwik properties on PostgreSQL, as JUnit skips its tests, when there is no test
 * database and none is required: an abort inside each try is a rejected try for jqwik, and 40 of
 * them fail the property as exhausted. In CI (required) nothing is skipped: the tries fail.
 */
public final class SkipWithoutPostgresql implements SkipExecutionHook {

    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
        String url = System.getenv(TestDatabases.URL);
        if ((url == null || url.isBlank()) && !TestDatabases.postgresRequired()) {
            return SkipResult.skip("PostgreSQL tests skipped: " + TestDatabases.URL + " is not set (README, \"Store\")");
        }
        return SkipResult.doNotSkip();
    }

    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.ALL_DESCENDANTS;
    }
}
