package org.medcrypt.provider.jca;

import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.tck.ProviderConformanceKit;

/** Runs the provider conformance kit against the JDK JCA provider. */
class JcaConformanceTest extends ProviderConformanceKit {
    @Override
    protected CryptoProvider provider() {
        return new JcaCryptoProvider();
    }
}
