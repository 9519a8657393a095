package org.medcrypt.provider.jca;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * medcrypt's crypto provider on Amazon Corretto Crypto Provider (ACCP, Amazon's JCA provider over
 * AWS-LC): id {@code "accp"}, priority {@value #PRIORITY}.
 *
 * <p>ACCP's {@link Provider} object, {@code AmazonCorrettoCryptoProvider.INSTANCE}, is used
 * directly; {@code AmazonCorrettoCryptoProvider.install()} is never called, so the rest of the
 * application keeps its JCA setup. What ACCP 2.5 does here, all in AWS-LC: AES-CBC with PKCS#7
 * padding and AES-GCM (128-, 192- and 256-bit keys), RSA key generation and parsing, RSA-OAEP
 * with every {@link org.medcrypt.spi.OaepParameters} set <em>without a label</em>, Ed25519 key
 * generation, signing and verification, random bytes ({@code LibCryptoRng}, AWS-LC's DRBG), and
 * the HMAC-SHA-256 under medcrypt's HKDF. What goes elsewhere, each said by {@link #primitives()}:
 * <ul>
 *   <li>RSA-OAEP <em>with</em> a label, that is every v2 pair key: the JDK's SunJCE, on ACCP's key
 *       objects. ACCP 2.5 refuses any {@code PSource} but the empty one; should a later ACCP take
 *       labels, the engine's probe finds it and keeps them on ACCP;</li>
 *   <li>Ed25519's key factory (raw keys in and out) and the public key of an imported seed: the
 *       JDK's SunEC. ACCP registers no Ed25519 {@code KeyFactory} unless a system property asks
 *       for it (whose keys then no other provider can use), and its key pair generator takes no
 *       random source, so it cannot derive a given seed's key pair. ACCP's signature takes SunEC's
 *       keys.</li>
 * </ul>
 * HKDF is medcrypt's RFC 5869 over ACCP's {@code Mac "HmacSHA256"}, not ACCP's own {@code
 * SecretKeyFactory "HkdfWithHmacSHA256"}: that one refuses the longest output RFC 5869 allows
 * (8,160 bytes; it checks {@code length >= 255 * 32}), and hands the output back in a {@code
 * SecretKeySpec} that cannot be wiped on Java 17.
 *
 * <p>ACCP needs its native library, which each classifier of the Maven artifact carries for one
 * platform: {@code linux-x86_64}, {@code linux-aarch_64}, {@code osx-x86_64}, {@code
 * osx-aarch_64} (medcrypt's build takes {@code linux-x86_64} unless {@code -Daccp.classifier}
 * says otherwise). Where it cannot load, or ACCP's self-tests fail, {@link #availability()} says
 * why ({@code getLoadingError()}, {@code assertHealthy()}) and every primitive throws with that
 * reason; nothing fails at construction or discovery, and nothing falls back to another library
 * silently.
 */
public final class AccpCryptoProvider extends JcaBasedProvider {

    /** The identifier: {@value}. */
    public static final String ID = "accp";

    /**
     * The priority when nobody chose a provider: {@value}, above {@code conscrypt} (300) and below
     * {@code jca} (400). Measured on a 2-vCPU Zen 4 with AVX-512 IFMA (benchmarks/results,
     * 2026-11-30): {@code accp} beats Conscrypt on v1 RSA unwrap (2.3×), Ed25519 (AWS-LC against
     * Conscrypt's SunEC, about 18×), v1 small keys (3×) and AES-GCM (about 2.5× Conscrypt's
     * figures of 2026-11-25), and trails it on v2 RSA unwrap (0.57×: SunJCE, see the class
     * comment). It is not the default because the JDK is everywhere and needs no
     * native code, while {@code accp} runs v2 pair keys (labelled OAEP) at the JDK's speed anyway,
     * costs a JNI call per 64-byte v1 small key (half {@code jca}'s rate, the operation a record
     * repeats most), and extracts a 9.6 MB native library to {@code java.io.tmpdir} on first use.
     * Choose it by id where RSA v1, Ed25519 or bulk AES dominate.
     */
    public static final int PRIORITY = 350;

    private volatile String library;

    /** Does no work; ACCP's native library is loaded on first use. */
    public AccpCryptoProvider() {
        this(AccpCryptoProvider::loadAccp);
    }

    /**
     * With another way to get ACCP's provider, for tests: {@code accp} is called once, on first
     * use, and may throw (say, {@link UnsatisfiedLinkError}) to simulate a platform without the
     * native library.
     */
    AccpCryptoProvider(Supplier<Provider> accp) {
        super(ID, () -> JcaEngine.forProvider(ID, load(accp), "LibCryptoRng"));
        Objects.requireNonNull(accp, "accp");
    }

    /** The same as {@code new AccpCryptoProvider()}. */
    public static AccpCryptoProvider create() {
        return new AccpCryptoProvider();
    }

    /**
     * E.g. {@code "Amazon Corretto Crypto Provider 2.5.0 (AWS-LC v1.47.0)"}; read from ACCP's jar
     * without loading its native library where the jar is on the class path.
     */
    @Override
    public String library() {
        String known = library;
        if (known == null) {
            known = describeLibrary();
            library = known;
        }
        return known;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    private static String describeLibrary() {
        Properties version = new Properties();
        try {
            // a class literal does not initialise the class, so this loads no native code; on the
            // module path the resource is encapsulated, and the provider object is asked instead
            ClassLoader loader = AmazonCorrettoCryptoProvider.class.getClassLoader();
            try (InputStream in = loader == null ? null
                    : loader.getResourceAsStream("com/amazon/corretto/crypto/provider/version.properties")) {
                if (in != null) {
                    version.load(in);
                }
            }
            String accp = version.getProperty("versionStr");
            String awsLc = version.getProperty("awsLcVersionStr");
            if (accp == null || awsLc == null) {
                accp = AmazonCorrettoCryptoProvider.INSTANCE.getVersionStr();
                awsLc = AmazonCorrettoCryptoProvider.INSTANCE.getAwsLcVersionStr();
            }
            return "Amazon Corretto Crypto Provider " + accp + " (" + awsLc + ")";
        } catch (IOException | LinkageError | RuntimeException e) {
            return "Amazon Corretto Crypto Provider (not on the class path)";
        }
    }

    private static Provider loadAccp() {
        AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
        Throwable loadingError = accp.getLoadingError();
        if (loadingError != null) {
            throw new IllegalStateException("AWS-LC native library did not load", loadingError);
        }
        accp.assertHealthy(); // its self-tests; a RuntimeCryptoException says which failed
        return accp;
    }

    private static Provider load(Supplier<Provider> accp) throws GeneralSecurityException {
        try {
            return Objects.requireNonNull(accp.get(), "ACCP gave no provider");
        } catch (LinkageError | RuntimeException e) {
            throw new GeneralSecurityException("Amazon Corretto Crypto Provider (AWS-LC) cannot be used on "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch") + " ("
                    + rootCause(e) + "); put the AmazonCorrettoCryptoProvider jar of this platform's classifier"
                    + " on the class path, or use the 'jca' provider instead", e);
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
