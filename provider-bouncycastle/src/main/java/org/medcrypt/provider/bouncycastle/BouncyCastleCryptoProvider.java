package org.medcrypt.provider.bouncycastle;

import java.io.IOException;
import java.io.InputStream;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.bouncycastle.crypto.CryptoServicesRegistrar;
import org.bouncycastle.crypto.NativeServices;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.medcrypt.spi.AesCbc;
import org.medcrypt.spi.AesGcm;
import org.medcrypt.spi.AesKeys;
import org.medcrypt.spi.Availability;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.Ed25519;
import org.medcrypt.spi.Hkdf;
import org.medcrypt.spi.Primitive;
import org.medcrypt.spi.PrimitiveInfo;
import org.medcrypt.spi.RsaOaep;
import org.medcrypt.spi.SecureRandomSource;
import org.medcrypt.spi.Suite;

/**
 * medcrypt's crypto provider on the Bouncy Castle LTS <em>lightweight</em> API (id
 * {@code bouncycastle}, priority 200): neither Bouncy Castle's JCA provider nor
 * {@code javax.crypto} is used, so this is an implementation independent of the JDK's.
 *
 * <p>On Linux x86_64 and arm64 the LTS jar loads native AES (AES-NI/VAES or NEON):
 * {@code AESNativeEngine}, {@code AESNativeGCM}, {@code AESNativeCBC}. Elsewhere Bouncy Castle
 * falls back to its pure-Java engines, which are correct but 30–45 times slower. Which one is
 * active is shown by {@link #library()}, {@link #primitives()} and {@link #nativeAes()}.
 *
 * <p>Ed25519 is Bouncy Castle's RFC 8032 code ({@code Ed25519Signer}, {@code
 * Ed25519KeyPairGenerator}); HKDF-SHA-256 its {@code HKDFBytesGenerator}. Both are Bouncy
 * Castle's own, like everything else here.
 *
 * <p>Randomness comes from Bouncy Castle's SP 800-90A Hash_DRBG (SHA-256), seeded from the JDK's
 * {@code SecureRandom}. Every method is thread-safe. Cipher objects are made per call.
 */
public final class BouncyCastleCryptoProvider implements CryptoProvider {

    /** This provider's id. */
    public static final String ID = "bouncycastle";

    private static final String ARTIFACT = "org.bouncycastle:bcprov-lts8on";

    private final BcSecureRandomSource random = new BcSecureRandomSource();
    private final BcAesKeys aesKeys = new BcAesKeys(random);
    private final BcAesCbc aesCbc = new BcAesCbc(random);
    private final BcAesGcm aesGcm = new BcAesGcm(random);
    private final BcRsaOaep rsaOaep = new BcRsaOaep(random);
    private final BcEd25519 ed25519 = new BcEd25519(random);
    private final BcHkdf hkdf = new BcHkdf();

    private volatile Availability availability;
    private volatile String library;
    private volatile List<PrimitiveInfo> primitives;

    /** For {@link java.util.ServiceLoader}; does no work. Prefer {@link #create()}. */
    public BouncyCastleCryptoProvider() {
    }

    /** A new provider; the explicit way to choose Bouncy Castle. */
    public static BouncyCastleCryptoProvider create() {
        return new BouncyCastleCryptoProvider();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String version() {
        return ProviderVersion.VALUE + " on " + library();
    }

    /** Read on first use from the Maven-filtered {@code provider.properties}. */
    private static final class ProviderVersion {
        static final String VALUE = load();

        private static String load() {
            try (InputStream in = BouncyCastleCryptoProvider.class.getResourceAsStream("provider.properties")) {
                if (in == null) {
                    return "unknown";
                }
                Properties properties = new Properties();
                properties.load(in);
                return properties.getProperty("version", "unknown");
            } catch (IOException e) {
                return "unknown";
            }
        }
    }

    /**
     * For example {@code "Bouncy Castle LTS 2.73.8 (native AES: yes, variant vaesf)"} or
     * {@code "Bouncy Castle LTS 2.73.8 (native AES: no, pure Java: <reason>)"}.
     */
    @Override
    public String library() {
        String current = library;
        if (current == null) {
            current = describeLibrary();
            library = current;
        }
        return current;
    }

    private static String describeLibrary() {
        try {
            String nativeAes;
            NativeServices services = CryptoServicesRegistrar.getNativeServices();
            if (nativeAes(services)) {
                nativeAes = "native AES: yes, variant " + services.getVariant();
            } else {
                String status = services == null ? "not loaded" : services.getStatusMessage();
                nativeAes = "native AES: no, pure Java" + (status == null || status.isBlank() ? "" : ": " + status);
            }
            return "Bouncy Castle LTS " + bouncyCastleVersion() + " (" + nativeAes + ")";
        } catch (LinkageError e) {
            return "Bouncy Castle LTS (not loadable: " + e + ")";
        }
    }

    /** The version from {@code CryptoServicesRegistrar.getInfo()}, e.g. {@code "2.73.8"}. */
    private static String bouncyCastleVersion() {
        String info = CryptoServicesRegistrar.getInfo();
        int v = info == null ? -1 : info.lastIndexOf(" v");
        return v < 0 ? "(unknown version)" : info.substring(v + 2).trim();
    }

    /**
     * Whether Bouncy Castle's native AES (ECB, GCM and CBC) is loaded and enabled in this JVM.
     * When false, AES runs on Bouncy Castle's pure-Java engines.
     */
    public boolean nativeAes() {
        try {
            return nativeAes(CryptoServicesRegistrar.getNativeServices());
        } catch (LinkageError e) {
            return false;
        }
    }

    private static boolean nativeAes(NativeServices services) {
        return services != null
                && services.isEnabled()
                && CryptoServicesRegistrar.hasEnabledService(NativeServices.AES_ECB)
                && CryptoServicesRegistrar.hasEnabledService(NativeServices.AES_GCM)
                && CryptoServicesRegistrar.hasEnabledService(NativeServices.AES_CBC);
    }

    @Override
    public int priority() {
        return 200;
    }

    @Override
    public Availability availability() {
        Availability current = availability;
        if (current == null) {
            current = probe();
            availability = current;
        }
        return current;
    }

    private static Availability probe() {
        try {
            AESEngine.newInstance();
            BcAesGcm.newCipher();
            BcAesCbc.newCipher();
            SHA256Digest.newInstance();
            new org.bouncycastle.crypto.signers.Ed25519Signer();
            new org.bouncycastle.crypto.generators.HKDFBytesGenerator(BcHkdf.newDigest());
            return Availability.available();
        } catch (LinkageError | RuntimeException e) {
            return Availability.unavailable("Bouncy Castle LTS could not be loaded (" + e
                    + "); add " + ARTIFACT + " to the class path");
        }
    }

    @Override
    public Set<Suite> suites() {
        return EnumSet.of(Suite.V1_ICURE, Suite.V2_GCM_OAEP256);
    }

    /** Names the engine classes Bouncy Castle actually picked in this JVM (native or Java). */
    @Override
    public List<PrimitiveInfo> primitives() {
        List<PrimitiveInfo> current = primitives;
        if (current == null) {
            current = describePrimitives();
            primitives = current;
        }
        return current;
    }

    private static List<PrimitiveInfo> describePrimitives() {
        String randomDescription = BcSecureRandomSource.DESCRIPTION + " (" + BcSecureRandomSource.seedAlgorithm() + ")";
        return List.of(
                new PrimitiveInfo(Primitive.SECURE_RANDOM, randomDescription, true),
                new PrimitiveInfo(Primitive.AES_KEY_GENERATION, randomDescription, true),
                new PrimitiveInfo(Primitive.AES_CBC_PKCS7,
                        BcAesCbc.newCipher().getClass().getSimpleName() + " + PKCS#7 in medcrypt", true),
                new PrimitiveInfo(Primitive.AES_GCM, BcAesGcm.newCipher().getClass().getSimpleName(), true),
                new PrimitiveInfo(Primitive.RSA_KEY_GENERATION, "RSAKeyPairGenerator", true),
                new PrimitiveInfo(Primitive.RSA_KEY_ENCODING,
                        "Bouncy Castle ASN.1 (SubjectPublicKeyInfo, PrivateKeyInfo) + PublicKeyFactory/PrivateKeyFactory",
                        true),
                new PrimitiveInfo(Primitive.RSA_OAEP, "OAEPEncoding over RSABlindedEngine", true),
                new PrimitiveInfo(Primitive.ED25519,
                        "Ed25519Signer, Ed25519KeyPairGenerator, Ed25519PrivateKeyParameters/PublicKeyParameters"
                                + " (math.ec.rfc8032.Ed25519)",
                        true),
                new PrimitiveInfo(Primitive.HKDF_SHA256,
                        "HKDFBytesGenerator over HMac(" + BcHkdf.newDigest().getClass().getSimpleName() + ")", true));
    }

    @Override
    public SecureRandomSource random() {
        return random;
    }

    @Override
    public AesKeys aesKeys() {
        return aesKeys;
    }

    @Override
    public AesCbc aesCbc() {
        return aesCbc;
    }

    @Override
    public AesGcm aesGcm() {
        return aesGcm;
    }

    @Override
    public RsaOaep rsaOaep() {
        return rsaOaep;
    }

    @Override
    public Ed25519 ed25519() {
        return ed25519;
    }

    @Override
    public Hkdf hkdf() {
        return hkdf;
    }

    @Override
    public String toString() {
        return "BouncyCastleCryptoProvider[" + ID + "]";
    }
}
