package org.medcrypt.provider.jca;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.util.Objects;
import java.util.function.Supplier;
import org.conscrypt.Conscrypt;

/**
 * medcrypt's crypto provider on Conscrypt (Google's JCA provider over BoringSSL): id {@code
 * "conscrypt"}, priority 300.
 *
 * <p>Conscrypt's {@link Provider} object is made with {@code Conscrypt.newProvider()} and used
 * directly; it is never installed with {@code Security.insertProviderAt}, so the rest of the
 * application keeps its JCA setup. What Conscrypt 2.5 does: AES-CBC, AES-GCM (128- and 256-bit
 * keys), RSA-OAEP with every {@link org.medcrypt.spi.OaepParameters} set and labels, RSA key
 * generation and parsing, random bytes ({@code OpenSSLRandom}, BoringSSL's {@code RAND_bytes},
 * registered as {@code SHA1PRNG}), and the HMAC-SHA-256 under medcrypt's HKDF ({@code Mac
 * "HmacSHA256"}). Conscrypt 2.5 has no Ed25519 at all (no {@code Signature}, {@code
 * KeyPairGenerator} or {@code KeyFactory "Ed25519"}), so Ed25519 is the JDK's SunEC, taken by
 * name; {@link #primitives()} reports it as delegated ({@code nativeToLibrary=false}). BoringSSL refuses 192-bit AES keys in these modes, so such keys
 * are handed to the JDK's SunJCE; {@link #primitives()} says so, and says which primitives fall
 * back to the JDK whenever a Conscrypt build lacks one. An OAEP parameter set that Conscrypt
 * refuses is refused with a {@code GeneralSecurityException} and removes its suite from
 * {@link #suites()}.
 *
 * <p>Conscrypt needs its native library, shipped in {@code conscrypt-openjdk-uber} for Linux
 * x86-64, macOS x86-64 and Windows. Where it cannot load, {@link #availability()} says why and
 * every primitive throws with that reason; nothing fails at construction or discovery.
 */
public final class ConscryptCryptoProvider extends JcaBasedProvider {

    /** The identifier: {@value}. */
    public static final String ID = "conscrypt";

    /** The priority when nobody chose a provider: {@value}. */
    public static final int PRIORITY = 300;

    private volatile String library;

    /** Does no work; Conscrypt's native library is loaded on first use. */
    public ConscryptCryptoProvider() {
        this(ConscryptCryptoProvider::loadConscrypt);
    }

    /**
     * With another way to get Conscrypt's provider, for tests: {@code conscrypt} is called once,
     * on first use, and may throw (say, {@link UnsatisfiedLinkError}) to simulate a platform
     * without the native library.
     */
    ConscryptCryptoProvider(Supplier<Provider> conscrypt) {
        super(ID, () -> JcaEngine.forProvider(ID, load(conscrypt), "SHA1PRNG"));
        Objects.requireNonNull(conscrypt, "conscrypt");
    }

    /** The same as {@code new ConscryptCryptoProvider()}. */
    public static ConscryptCryptoProvider create() {
        return new ConscryptCryptoProvider();
    }

    /** E.g. {@code "Conscrypt 2.5.2 (BoringSSL)"}; does not load the native library. */
    @Override
    public String library() {
        String known = library;
        if (known == null) {
            try {
                Conscrypt.Version version = Conscrypt.version();
                known = version == null ? "Conscrypt (version unknown) (BoringSSL)"
                        : "Conscrypt " + version.major() + "." + version.minor() + "." + version.patch() + " (BoringSSL)";
            } catch (LinkageError | RuntimeException e) {
                known = "Conscrypt (not on the class path)";
            }
            library = known;
        }
        return known;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    private static Provider loadConscrypt() {
        if (!Conscrypt.isAvailable()) {
            Conscrypt.checkAvailability(); // throws the load error, which says why
            throw new IllegalStateException("Conscrypt.isAvailable() is false");
        }
        return Conscrypt.newProvider();
    }

    private static Provider load(Supplier<Provider> conscrypt) throws GeneralSecurityException {
        try {
            return Objects.requireNonNull(conscrypt.get(), "Conscrypt gave no provider");
        } catch (LinkageError | RuntimeException e) {
            throw new GeneralSecurityException("Conscrypt's native library cannot be used on "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch") + " ("
                    + rootCause(e) + "); use the 'jca' provider instead", e);
        }
    }

    private static String rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getName()
                : root.getClass().getName() + ": " + message;
    }
}
