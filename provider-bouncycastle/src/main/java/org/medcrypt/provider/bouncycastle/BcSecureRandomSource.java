package org.medcrypt.provider.bouncycastle;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.prng.SP800SecureRandomBuilder;
import org.medcrypt.spi.SecureRandomSource;

/**
 * The provider's single random source: Bouncy Castle's SP 800-90A Hash_DRBG (SHA-256, 256-bit
 * security strength), seeded and reseeded from the JDK's default {@link SecureRandom} (operating
 * system entropy). The DRBG is built on first use so that constructing the provider does no work.
 */
final class BcSecureRandomSource implements SecureRandomSource {

    static final String DESCRIPTION = "Bouncy Castle SP800SecureRandom Hash_DRBG/SHA-256, seeded by the JDK SecureRandom";

    private static final byte[] PERSONALIZATION =
            "medcrypt-provider-bouncycastle".getBytes(StandardCharsets.US_ASCII);

    /** Largest request Bouncy Castle's Hash_DRBG serves in one call: 2^18 bits. */
    private static final int MAX_REQUEST = (1 << 18) / 8;

    private volatile SecureRandom drbg;

    /** The DRBG itself, for Bouncy Castle APIs that take a {@link SecureRandom}. Thread-safe. */
    SecureRandom secureRandom() {
        SecureRandom current = drbg;
        if (current == null) {
            synchronized (this) {
                current = drbg;
                if (current == null) {
                    current = build();
                    drbg = current;
                }
            }
        }
        return current;
    }

    private static SecureRandom build() {
        SecureRandom entropy = new SecureRandom();
        byte[] nonce = new byte[32];
        entropy.nextBytes(nonce);
        // SP800SecureRandom synchronizes nextBytes, so one instance serves every thread.
        return new SP800SecureRandomBuilder(entropy, false)
                .setPersonalizationString(PERSONALIZATION)
                .setSecurityStrength(256)
                .setEntropyBitsRequired(256)
                .buildHash(SHA256Digest.newInstance(), nonce, false);
    }

    /** The JDK algorithm that seeds the DRBG, for {@code primitives()}. */
    static String seedAlgorithm() {
        return new SecureRandom().getAlgorithm();
    }

    @Override
    public void nextBytes(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        SecureRandom drbg = secureRandom();
        if (bytes.length <= MAX_REQUEST) {
            drbg.nextBytes(bytes);
            return;
        }
        // SP 800-90A caps one Hash_DRBG request at 2^19 bits; Bouncy Castle enforces 2^18.
        byte[] chunk = new byte[MAX_REQUEST];
        for (int off = 0; off < bytes.length; off += MAX_REQUEST) {
            int n = Math.min(MAX_REQUEST, bytes.length - off);
            drbg.nextBytes(chunk);
            System.arraycopy(chunk, 0, bytes, off, n);
        }
        Arrays.fill(chunk, (byte) 0);
    }

    @Override
    public String toString() {
        return "BcSecureRandomSource[" + DESCRIPTION + "]";
    }
}
