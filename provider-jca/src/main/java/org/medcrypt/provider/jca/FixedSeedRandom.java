package org.medcrypt.provider.jca;

import java.security.SecureRandom;
import java.security.SecureRandomSpi;
import java.util.Arrays;

/**
 * A {@link SecureRandom} that hands out one given 32-byte Ed25519 seed, once, and refuses every
 * other request. Java 17 has no API that derives the public key of an Ed25519 seed; its
 * {@code KeyPairGenerator} does exactly that with the 32 bytes it draws from its random source,
 * so feeding it the seed yields the seed's key pair (RFC 8032 section 5.1.5).
 *
 * <p>Failing loudly on any other request is the point: a JDK whose generator drew a different
 * number of bytes, or drew twice, would otherwise produce a key pair unrelated to the seed.
 * {@link JcaEd25519} also checks that the generated private key holds the seed, and {@link
 * JcaEngine} checks RFC 8032's first test vector once.
 */
final class FixedSeedRandom extends SecureRandom {

    private static final long serialVersionUID = 1L;

    private final transient Spi spi;

    private FixedSeedRandom(Spi spi) {
        super(spi, null);
        this.spi = spi;
    }

    /** Takes ownership of {@code seed}; {@link #wipe()} clears it. */
    static FixedSeedRandom of(byte[] seed) {
        return new FixedSeedRandom(new Spi(seed));
    }

    /** Whether the seed was handed out. */
    boolean served() {
        return spi.served;
    }

    /** Clears the seed. */
    void wipe() {
        spi.wipe();
    }

    @Override
    public String getAlgorithm() {
        return "medcrypt fixed Ed25519 seed";
    }

    @Override
    public String toString() {
        return "FixedSeedRandom[<redacted>]";
    }

    private static final class Spi extends SecureRandomSpi {

        private static final long serialVersionUID = 1L;

        private final transient byte[] seed;
        private transient boolean served;

        Spi(byte[] seed) {
            this.seed = seed;
        }

        @Override
        protected synchronized void engineNextBytes(byte[] bytes) {
            if (served || bytes.length != seed.length) {
                throw new IllegalStateException("the Ed25519 key pair generator asked for " + bytes.length
                        + " random bytes" + (served ? " a second time" : "") + "; expected one request of "
                        + seed.length);
            }
            System.arraycopy(seed, 0, bytes, 0, seed.length);
            served = true;
        }

        @Override
        protected void engineSetSeed(byte[] ignored) {
            // the output is fixed; nothing to mix in
        }

        @Override
        protected byte[] engineGenerateSeed(int numBytes) {
            throw new IllegalStateException("the Ed25519 key pair generator asked for seed material");
        }

        synchronized void wipe() {
            Arrays.fill(seed, (byte) 0);
        }
    }
}
