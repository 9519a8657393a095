package org.medcrypt.provider.tink;

import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.tck.ProviderConformanceKit;

/** Runs the provider conformance kit against Google Tink. */
class TinkConformanceTest extends ProviderConformanceKit {
    @Override
    protected CryptoProvider provider() {
        return new TinkCryptoProvider();
    }
}
