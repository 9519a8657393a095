package org.medcrypt.provider.tink;

import com.google.crypto.tink.subtle.Random;
import java.security.SecureRandom;
import java.security.SecureRandomSpi;
import java.util.Arrays;

/**
 * A {@link SecureRandom} whose bytes come from Tink's {@link Random}, for the JCA engines that
 * take one (RSA key generation, OAEP's seed), so every random byte of this provider is Tink's.
 */
final class TinkSecureRandom extends SecureRandom {

    private static final long serialVersionUID = 1L;

    static final TinkSecureRandom INSTANCE = new TinkSecureRandom();

    private TinkSecureRandom() {
        super(new Spi(), null);
    }

    @Override
    public String getAlgorithm() {
        return "Tink subtle.Random";
    }

    private static final class Spi extends SecureRandomSpi {
        private static final long serialVersionUID = 1L;

        @Override
        protected void engineSetSeed(byte[] seed) {
            // Tink's generator seeds itself; extra seed material is not needed
        }

        @Override
        protected void engineNextBytes(byte[] bytes) {
            fill(bytes);
        }

        @Override
        protected byte[] engineGenerateSeed(int numBytes) {
            return Random.randBytes(numBytes);
        }
    }

    /** Fills {@code bytes} from Tink's {@link Random}. */
    static void fill(byte[] bytes) {
        byte[] random = Random.randBytes(bytes.length);
        System.arraycopy(random, 0, bytes, 0, bytes.length);
        Arrays.fill(random, (byte) 0);
    }
}
