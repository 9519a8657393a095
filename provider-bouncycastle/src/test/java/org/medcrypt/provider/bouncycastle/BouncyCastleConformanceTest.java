package org.medcrypt.provider.bouncycastle;

import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.tck.ProviderConformanceKit;

/** Runs the provider conformance kit against the Bouncy Castle lightweight API. */
class BouncyCastleConformanceTest extends ProviderConformanceKit {
    @Override
    protected CryptoProvider provider() {
        return new BouncyCastleCryptoProvider();
    }
}
