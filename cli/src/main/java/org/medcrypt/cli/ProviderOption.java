package org.medcrypt.cli;

import org.medcrypt.provider.CryptoProviders;
import org.medcrypt.spi.CryptoProvider;
import picocli.CommandLine.Option;

/** {@code --provider ID} for the commands that do cryptography. */
final class ProviderOption {

    @Option(names = "--provider", paramLabel = "ID",
            description = "Crypto provider: jca, accp, conscrypt, bouncycastle or tink (see 'medcrypt providers'). "
                    + "Default: the -D" + CryptoProviders.PROVIDER_PROPERTY + " system property, "
                    + "else the available provider of highest priority.")
    String id;

    /** The chosen provider; a {@link org.medcrypt.ProviderException} if unknown or unavailable. */
    CryptoProvider provider() {
        return id == null ? CryptoProviders.getDefault() : CryptoProviders.get(id.strip());
    }
}
