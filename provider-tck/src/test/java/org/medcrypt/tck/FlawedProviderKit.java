package org.medcrypt.tck;

import org.medcrypt.spi.CryptoProvider;

/**
 * The kit against a deliberately flawed reference provider. Not run by the build directly (its
 * name does not end in Test); {@link KitDetectsFlawsTest} launches it.
 */
class FlawedProviderKit extends ProviderConformanceKit {

    static volatile ReferenceJdkProvider.Flaw flaw = ReferenceJdkProvider.Flaw.NONE;

    @Override
    protected CryptoProvider provider() {
        return new ReferenceJdkProvider(flaw);
    }
}
