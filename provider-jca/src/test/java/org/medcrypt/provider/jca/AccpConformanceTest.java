package org.medcrypt.provider.jca;

import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.tck.ProviderConformanceKit;

/** Runs the provider conformance kit against Amazon Corretto Crypto Provider as a JCA provider. */
class AccpConformanceTest extends ProviderConformanceKit {
    @Override
    protected CryptoProvider provider() {
        return new AccpCryptoProvider();
    }
}
