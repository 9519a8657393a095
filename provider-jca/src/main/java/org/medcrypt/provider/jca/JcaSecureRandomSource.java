package org.medcrypt.provider.jca;

import java.util.Objects;
import org.medcrypt.spi.SecureRandomSource;

/**
 * The provider's one {@code SecureRandom}. The SPI's {@link #nextBytes} has no checked exception,
 * so an unavailable provider throws {@link IllegalStateException} with the reason.
 */
final class JcaSecureRandomSource implements SecureRandomSource {

    private final LazyEngine engine;

    JcaSecureRandomSource(LazyEngine engine) {
        this.engine = engine;
    }

    @Override
    public void nextBytes(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        engine.getUnchecked().random().nextBytes(bytes);
    }
}
