package org.medcrypt.provider.tink;

import com.google.crypto.tink.Version;
import com.google.crypto.tink.aead.internal.InsecureNonceAesGcmJce;
import com.google.crypto.tink.subtle.Ed25519Sign;
import com.google.crypto.tink.subtle.EngineFactory;
import com.google.crypto.tink.subtle.Random;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
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
 * medcrypt's crypto provider on Google Tink, id {@code "tink"}, priority 100.
 *
 * <p>What is Tink's own and what is not:
 * <ul>
 *   <li><b>Tink:</b> random bytes ({@code subtle.Random}), AES key generation
 *       ({@code subtle.Random}), Ed25519 ({@code subtle.Ed25519Sign} / {@code
 *       subtle.Ed25519Verify}, Tink's pure-Java RFC 8032 code), and HKDF-SHA-256 ({@code
 *       subtle.Hkdf}, Tink's own RFC 5869 code over a JCA {@code Mac "HMACSHA256"} from {@code
 *       EngineFactory}).
 *   <li><b>JCA through Tink's {@code subtle.EngineFactory}</b>, because Tink has no such
 *       primitive: AES-CBC with PKCS#7 ({@code AES/CBC/PKCS5Padding}), RSA-OAEP
 *       ({@code RSA/ECB/OAEPPadding} with explicit OAEP parameters), RSA key generation and
 *       encoding ({@code KeyPairGenerator}/{@code KeyFactory "RSA"}); and AES-GCM ({@code
 *       AES/GCM/NoPadding} with Tink's {@code AesGcmJceUtil} parameters: the cipher Tink's own
 *       {@code InsecureNonceAesGcmJce} runs, without its unwipeable key copy and per-thread
 *       cipher that a destroyed key cannot be cleared from). {@code EngineFactory} picks the JCA
 *       provider (Conscrypt's if installed); {@link #primitives()} names the one picked at run
 *       time.
 * </ul>
 *
 * <p>Thread-safe. The no-arg constructor does no work; use {@link #create()} in code.
 */
public final class TinkCryptoProvider implements CryptoProvider {

    /** This provider's id. */
    public static final String ID = "tink";

    private static final int PRIORITY = 100;

    private final SecureRandomSource random = new TinkRandomSource();
    private final AesKeys aesKeys = new TinkAesKeys();
    private final AesCbc aesCbc = new TinkAesCbc();
    private final AesGcm aesGcm = new TinkAesGcm();
    private final RsaOaep rsaOaep = new TinkRsaOaep();
    private final Ed25519 ed25519 = new TinkEd25519();
    private final Hkdf hkdf = new TinkHkdf();

    /** For {@link java.util.ServiceLoader}; does no work. Code should call {@link #create()}. */
    public TinkCryptoProvider() {
    }

    /** Returns a new provider. */
    public static TinkCryptoProvider create() {
        return new TinkCryptoProvider();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String version() {
        return ProviderVersion.VALUE + " (" + library() + ")";
    }

    @Override
    public String library() {
        return "Google Tink " + Version.TINK_VERSION;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public Availability availability() {
        return AvailabilityCheck.RESULT;
    }

    @Override
    public Set<Suite> suites() {
        return EnumSet.of(Suite.V1_ICURE, Suite.V2_GCM_OAEP256);
    }

    @Override
    public List<PrimitiveInfo> primitives() {
        String viaEngineFactory = "JCA via Tink EngineFactory: ";
        return List.of(
                new PrimitiveInfo(Primitive.SECURE_RANDOM,
                        "Tink subtle.Random (a thread-local SecureRandom Tink picks)", true),
                new PrimitiveInfo(Primitive.AES_KEY_GENERATION, "Tink subtle.Random.randBytes", true),
                // Tink's InsecureNonceAesGcmJce is this same JCA cipher; medcrypt runs it on its own
                // per-thread ciphers so that a destroyed key can be cleared from them
                new PrimitiveInfo(Primitive.AES_GCM,
                        viaEngineFactory + TinkAesGcm.JCA_TRANSFORMATION + " with Tink AesGcmJceUtil parameters"
                                + " (what Tink's InsecureNonceAesGcmJce runs; " + describe(() -> TinkAesGcm.CIPHERS
                                        .probe().getProvider())
                                + ")",
                        false),
                new PrimitiveInfo(Primitive.AES_CBC_PKCS7,
                        viaEngineFactory + TinkAesCbc.TRANSFORMATION + " ("
                                + describe(() -> TinkAesCbc.CIPHERS.probe().getProvider()) + ")",
                        false),
                new PrimitiveInfo(Primitive.RSA_OAEP,
                        viaEngineFactory + TinkRsaOaep.TRANSFORMATION + " with an explicit OAEPParameterSpec ("
                                + describe(() -> TinkRsaOaep.cipher().getProvider()) + ")",
                        false),
                new PrimitiveInfo(Primitive.RSA_KEY_GENERATION,
                        viaEngineFactory + "KeyPairGenerator RSA (" + describe(
                                () -> EngineFactory.KEY_PAIR_GENERATOR.getInstance("RSA").getProvider())
                                + "), random bytes from Tink subtle.Random",
                        false),
                new PrimitiveInfo(Primitive.RSA_KEY_ENCODING,
                        viaEngineFactory + "KeyFactory RSA (" + describe(() -> TinkRsaOaep.keyFactory().getProvider())
                                + ")",
                        false),
                new PrimitiveInfo(Primitive.ED25519,
                        "Tink subtle.Ed25519Sign, subtle.Ed25519Verify and Ed25519Sign.KeyPair (Tink's pure-Java"
                                + " internal.Ed25519; not the Ed25519SignJce path), keys from Tink subtle.Random",
                        true),
                // Tink's own HKDF code; only the HMAC under it is JCA's, as AES-GCM's cipher is.
                new PrimitiveInfo(Primitive.HKDF_SHA256,
                        "Tink subtle.Hkdf.computeHkdf (Tink's own RFC 5869 code) over a JCA Mac "
                                + TinkHkdf.MAC_ALGORITHM + " from Tink EngineFactory ("
                                + describe(() -> EngineFactory.MAC.getInstance(TinkHkdf.MAC_ALGORITHM).getProvider())
                                + ")",
                        true));
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
        return "TinkCryptoProvider[" + version() + "]";
    }

    private interface ProviderLookup {
        Provider get() throws GeneralSecurityException;
    }

    /** The JCA provider's name and version, e.g. "SunJCE 17". */
    private static String describe(ProviderLookup lookup) {
        try {
            Provider provider = lookup.get();
            return provider.getName() + " " + provider.getVersionStr();
        } catch (GeneralSecurityException | RuntimeException | LinkageError e) {
            return "unavailable: " + e.getClass().getSimpleName();
        }
    }

    /** Random bytes from Tink's {@link Random}. */
    private static final class TinkRandomSource implements SecureRandomSource {
        @Override
        public void nextBytes(byte[] bytes) {
            Objects.requireNonNull(bytes, "bytes");
            TinkSecureRandom.fill(bytes);
        }

        @Override
        public byte[] bytes(int length) {
            if (length < 0) {
                throw new IllegalArgumentException("length must not be negative: " + length);
            }
            return Random.randBytes(length);
        }
    }

    /** Probed once, on first use of {@link #availability()}. */
    private static final class AvailabilityCheck {
        static final Availability RESULT = check();

        private static Availability check() {
            try {
                if (!InsecureNonceAesGcmJce.FIPS.isCompatible()) {
                    return Availability.unavailable("Tink is in FIPS-only mode without BoringCrypto,"
                            + " where it refuses AES-GCM; use the jca provider instead");
                }
                Random.randBytes(1);
                EngineFactory.CIPHER.getInstance(TinkAesGcm.JCA_TRANSFORMATION);
                EngineFactory.CIPHER.getInstance(TinkAesCbc.TRANSFORMATION);
                EngineFactory.CIPHER.getInstance(TinkRsaOaep.TRANSFORMATION);
                EngineFactory.KEY_PAIR_GENERATOR.getInstance("RSA");
                EngineFactory.KEY_FACTORY.getInstance("RSA");
                EngineFactory.MAC.getInstance(TinkHkdf.MAC_ALGORITHM);
                if (!Ed25519Sign.FIPS.isCompatible()) {
                    return Availability.unavailable("Tink is in FIPS-only mode, where it refuses Ed25519");
                }
                return Availability.available();
            } catch (GeneralSecurityException e) {
                return Availability.unavailable("a JCA algorithm this provider needs is missing: " + e.getMessage());
            } catch (LinkageError e) {
                return Availability.unavailable("Google Tink is not on the class path: add "
                        + "com.google.crypto.tink:tink:1.20.0 (" + e + ")");
            }
        }
    }

    /** This module's version, from a resource Maven fills in. */
    private static final class ProviderVersion {
        static final String VALUE = read();

        private static String read() {
            try (InputStream in = TinkCryptoProvider.class.getResourceAsStream("version.properties")) {
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
}
