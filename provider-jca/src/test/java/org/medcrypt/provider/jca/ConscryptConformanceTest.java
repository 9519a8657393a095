package org.medcrypt.provider.jca;

import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.tck.ProviderConformanceKit;

/** Runs the provider conformance kit against Conscrypt as a JCA provider. */
class ConscryptConformanceTest extends ProviderConformanceKit {
    @Override
    protected CryptoProvider provider() {
        return new ConscryptCryptoProvider();
    }
}
