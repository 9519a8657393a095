package org.medcrypt.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.medcrypt.spi.AesKey;
import org.medcrypt.spi.CryptoProvider;

/**
 * Base of every section of the kit: gives access to the provider under test and the few
 * helpers all sections share. Each section is run through a {@code @Nested} class of
 * {@link ProviderConformanceKit}, which supplies {@link #provider()}.
 */
public abstract class ConformanceSection {

    /** One source of randomness for test inputs; never {@code java.util.Random}. */
    static final SecureRandom RANDOM = new SecureRandom();

    static final HexFormat HEX = HexFormat.of();

    private CryptoProvider cached;

    /** The provider under test; called once per test. */
    protected abstract CryptoProvider provider();

    /** The provider under test, made once per test instance. */
    protected final CryptoProvider p() {
        if (cached == null) {
            cached = provider();
            assertThat(cached).as("provider() of the conformance test").isNotNull();
        }
        return cached;
    }

    static byte[] randomBytes(int length) {
        byte[] out = new byte[length];
        RANDOM.nextBytes(out);
        return out;
    }

    static byte[] hex(String s) {
        return HEX.parseHex(s);
    }

    static String hex(byte[] b) {
        return HEX.formatHex(b);
    }

    /** A copy of {@code in} with bit {@code bit} of byte {@code index} flipped. */
    static byte[] flipBit(byte[] in, int index, int bit) {
        byte[] out = in.clone();
        out[index] ^= (byte) (1 << bit);
        return out;
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int off = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, off, p.length);
            off += p.length;
        }
        return out;
    }

    static byte[] slice(byte[] in, int from, int to) {
        return java.util.Arrays.copyOfRange(in, from, to);
    }

    /** Imports fresh random key bytes of {@code bits}; returns the handle. */
    final AesKey aesKey(int bits) throws GeneralSecurityException {
        return p().aesKeys().importKey(randomBytes(bits / 8));
    }

    /**
     * Asserts that {@code call} throws a {@link GeneralSecurityException} (any subclass) and
     * nothing else — in particular no {@code ClassCastException}, {@code NullPointerException},
     * {@code IllegalStateException} or {@code ArrayIndexOutOfBoundsException}: the SPI promises
     * that every cryptographic failure is a {@code GeneralSecurityException}.
     *
     * @return the exception, for further checks
     */
    static GeneralSecurityException assertGse(String what, ThrowingCallable call) {
        Throwable t = catchThrowable(call);
        assertThat(t)
                .as("%s must throw a GeneralSecurityException", what)
                .isInstanceOf(GeneralSecurityException.class);
        return (GeneralSecurityException) t;
    }

    /**
     * Asserts that neither the message nor the {@code toString()} of {@code t} or of any of its
     * causes contains any of {@code secrets}, in lowercase hex, uppercase hex or Base64.
     */
    static void assertNoSecretIn(Throwable t, byte[]... secrets) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            assertNoSecretIn("exception " + c.getClass().getName(), String.valueOf(c.getMessage()), secrets);
            assertNoSecretIn("exception " + c.getClass().getName(), c.toString(), secrets);
            if (c.getCause() == c) {
                break;
            }
        }
    }

    static void assertNoSecretIn(String where, String text, byte[]... secrets) {
        for (byte[] s : secrets) {
            String lower = HEX.formatHex(s);
            assertThat(text)
                    .as("%s must not contain a secret (hex)", where)
                    .doesNotContain(lower)
                    .doesNotContain(lower.toUpperCase(Locale.ROOT))
                    .doesNotContain(Base64.getEncoder().withoutPadding().encodeToString(s))
                    .doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(s));
        }
    }
}
