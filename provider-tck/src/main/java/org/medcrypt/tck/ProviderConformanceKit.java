package org.medcrypt.tck;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.ExtendWith;
import org.medcrypt.spi.CryptoProvider;

/**
 * The conformance kit every {@link CryptoProvider} runs. A provider module subclasses it once in
 * its tests:
 *
 * <pre>{@code
 * class JcaConformanceTest extends ProviderConformanceKit {
 *     @Override
 *     protected CryptoProvider provider() { return new JcaCryptoProvider(); }
 * }
 * }</pre>
 *
 * <p>JUnit Jupiter discovers the {@code @Nested} inner classes below through the subclass (they
 * are inherited), so that one class runs every section: identity, AES keys (what a destroyed one
 * leaves in reachable memory, and uses racing its destroy), AES-CBC and AES-GCM
 * round trips and rejections, RSA-OAEP round trips and rejections, Ed25519 signatures (RFC 8032
 * vectors, determinism, every rejection), HKDF-SHA-256 (RFC 5869 vectors, length bounds),
 * cross-checks with the JDK's {@code javax.crypto} and SunEC, the Wycheproof vectors, each case
 * reported by {@code tcId}, and the whole scheme on this provider (worked example, exact v1 bytes,
 * the iCure SDK fixture, bad input).
 *
 * <p>{@link #provider()} is called once per test; it should return a new instance (the SPI's
 * no-arg constructor does no work), so that no test depends on another's state.
 */
@ExtendWith(FailuresNameTheProvider.class)
public abstract class ProviderConformanceKit {

    /** The provider under test. */
    protected abstract CryptoProvider provider();

    @Nested
    class Identity extends IdentityConformance {
        @Override
        protected CryptoProvider provider() {
            return ProviderConformanceKit.this.provider();
        }
    }

    @Nested
    class AesKeys extends AesKeyConformance {
        @Override
        protected CryptoProvider provider() {
            return ProviderConformanceKit.this.provider();
        }
    }

    @Nested
    class AesKeyResidue extends AesKeyResidueConformance {
        @Override
        protected CryptoProvider provider() {
            return ProviderConformanceKit.this.provider();
        }
    }

    @Nested
    class AesKeyDestroyRace extends AesKeyDestroyRaceConformance {
        @Override
        protected CryptoProvider provider() {
            return ProviderConformanceKit.this.provider();
        }
    }

    @Nested
    class AesCbcRoundTrips extends AesCbcConformance {
        @Override
        protected CryptoProvider provider() {
            return ProviderConformanceKit.this.provider();
        }
    }

    @Nested
    class AesCbcNegative extends AesCbcRejections {
        @Override
        protected CryptoProvider provider() {
            return ProviderConformanceKit.this.provider();
        }
    }

    @Nested
    class AesGcmRoundTrips extends AesGcmConformance {
        @Override
        protected CryptoProvider provider() {
            return ProviderConformanceKit.this.provider();
        }
    }

    @Nested
    class AesGcmNegative extends AesGcmRejections {
        @Override
        protected CryptoProvider provider() {
            return ProviderConformanceKit.this.provider();
        }
    }

    @Nested
    class RsaOaepRoundTrips extends RsaOaepConformance {
        @Override
        protected CryptoProvider provider() {
            return ProviderConformanceKit.this.provider();
        }
    }

    @Nested
    class RsaOaepNegative extends RsaOaepRejections {
        @Override
        protected CryptoProvider provider() {
            return ProviderConformanceKit.this.provider();
        }
    }

    @Nested
    class Ed25519Signatures extends Ed25519Conformance {
        @Override
        protected CryptoProvider provider() {
            return ProviderConformanceKit.this.provider();
        }
    }

    @Nested
    class HkdfSha256 extends HkdfConformance {
        @Override
        protected CryptoProvider provider() {
            return ProviderConformanceKit.this.provider();
        }
    }

    @Nested
    class CrossCheckWithJdk extends JdkInteroperability {
        @Override
        protected CryptoProvider provider() {
            return ProviderConformanceKit.this.provider();
        }
    }

    @Nested
    class Wycheproof extends WycheproofConformance {
        @Override
        protected CryptoProvider provider() {
            return ProviderConformanceKit.this.provider();
        }
    }

    @Nested
    class Scheme extends SchemeConformance {
        @Override
        protected CryptoProvider provider() {
            return ProviderConformanceKit.this.provider();
        }
    }
}
