package org.medcrypt.tck;

import org.medcrypt.spi.CryptoProvider;

/** Runs the kit against the test-scope reference provider: the kit's own proof that it passes. */
class ReferenceJdkProviderConformanceTest extends ProviderConformanceKit {
    @Override
    protected CryptoProvider provider() {
        return new ReferenceJdkProvider();
    }
}
