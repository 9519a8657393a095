package org.medcrypt.provider.jca;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.medcrypt.spi.OaepParameters;
import org.medcrypt.spi.Primitive;
import org.medcrypt.spi.PrimitiveInfo;
import org.medcrypt.spi.Suite;

/**
 * The JCA objects one provider works with, resolved once: which {@link Provider} does each
 * primitive, the one {@link SecureRandom}, the per-thread cipher caches, and what was found to
 * work. Immutable after construction and shared by all threads.
 */
final class JcaEngine {

    static final String CBC = "AES/CBC/PKCS5Padding";
    static final String GCM = "AES/GCM/NoPadding";
    static final String OAEP = "RSA/ECB/OAEPPadding";
    static final String RSA = "RSA";
    static final String ED25519 = "Ed25519";
    static final String HMAC_SHA256 = "HmacSHA256";

    /** Finds a provider offering a service, or returns null. */
    @FunctionalInterface
    interface ServiceLookup {
        Provider find(String type, String algorithm);
    }

    /** The JDK providers, asked for by name: SunJCE, SunRsaSign, SUN and SunEC (Ed25519 only). */
    static final ServiceLookup JDK = JcaEngine::findInJdk;

    private static final List<String> JDK_PROVIDER_NAMES = List.of("SunJCE", "SunRsaSign", "SUN", "SunEC");

    /**
     * RFC 8032 section 7.1, TEST 1: a seed and its public key. The engine checks once that the
     * Ed25519 key pair generator, fed this seed, derives this public key (see {@link
     * JcaEd25519#importPrivateKey}).
     */
    private static final String RFC8032_TEST1_SEED = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    private static final String RFC8032_TEST1_PUBLIC = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

    /** A 2048-bit public key, only to find out which OAEP parameter sets a provider accepts. */
    private static final String PROBE_SPKI = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA05Cd7wifEV0g6TSg0gviicWo5Gq2lUGMrOf1"
            + "74OHpyDNFMm8EY56bDRkN6+AxXWSVNBjR3VI3gKsOpB8Zqb/Nat5aL4gz8G9rg0Z2qdZDYsDvHReEkir0hG3V7xXaXQh+6+5e8hUP"
            + "VN8FskjwPTLshKsQoV2n8GUoKcE1RI2tTYxfD4LxF1ESnDoMe8JtVoX7ZmcZ7LnYesBTwdl3zA/W6pp5oKZwYMcRqz/lGxK862AJ7"
            + "hj+mUClLE3HIbP17FoojfRFamYlKg4TBRC3IQfrWXQ2C7TzfsIz5g6ulFafA5PD5KyhuZiFVRDVphGnw7ifWz6iifHUNIuoTQfwHsf"
            + "UQIDAQAB";

    private static final byte[] EMPTY = new byte[0];

    private final String providerId;
    private final SecureRandom random;
    private final AesCipherCache cbc;
    private final AesCipherCache cbc192;
    private final AesCipherCache gcm;
    private final AesCipherCache gcm192;
    private final CipherCache oaep;
    /** For OAEP with a non-empty label: {@link #oaep}, or the JDK's where the provider refuses labels. */
    private final CipherCache oaepLabelled;
    private final Provider rsaKeyFactory;
    private final Provider rsaKeyPairGenerator;
    private final Provider ed25519KeyPairGenerator;
    private final boolean ed25519GeneratorTakesRandom;
    private final Provider ed25519SeedDeriver;
    private final Provider ed25519KeyFactory;
    private final Provider ed25519Signature;
    private final Provider hmacSha256;
    private final Map<OaepParameters, OAEPParameterSpec> oaepWithoutLabel;
    private final Set<Suite> suites;
    private final List<PrimitiveInfo> primitives;

    private JcaEngine(String providerId, SecureRandom random, String randomDescription, boolean randomNative,
            Choice cbc, Choice cbc192, Choice gcm, Choice gcm192, Choice oaep, Choice oaepFallback,
            Choice rsaKeyFactory, Choice rsaKeyPairGenerator, Ed25519Choices ed25519, Choice hmacSha256)
            throws GeneralSecurityException {
        this.providerId = providerId;
        this.random = random;
        this.cbc = new AesCipherCache(CBC, cbc.provider);
        this.cbc192 = cbc192.provider == cbc.provider ? this.cbc : new AesCipherCache(CBC, cbc192.provider);
        this.gcm = new AesCipherCache(GCM, gcm.provider);
        this.gcm192 = gcm192.provider == gcm.provider ? this.gcm : new AesCipherCache(GCM, gcm192.provider);
        this.oaep = new CipherCache(OAEP, oaep.provider);
        this.rsaKeyFactory = rsaKeyFactory.provider;
        this.rsaKeyPairGenerator = rsaKeyPairGenerator.provider;
        this.ed25519KeyPairGenerator = ed25519.keyPairGenerator.provider;
        this.ed25519GeneratorTakesRandom = ed25519.generatorTakesRandom;
        this.ed25519SeedDeriver = ed25519.seedDeriver.provider;
        this.ed25519KeyFactory = ed25519.keyFactory.provider;
        this.ed25519Signature = ed25519.signature.provider;
        this.hmacSha256 = hmacSha256.provider;
        checkEd25519SeedDerivation(this.ed25519SeedDeriver);

        PublicKey probeKey = KeyFactory.getInstance(RSA, this.rsaKeyFactory)
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(PROBE_SPKI)));
        byte[] probeLabel = {1, 2, 3};
        // labels are probed on every parameter set the provider takes without one: a provider that
        // refuses them all (ACCP 2.5) hands labelled OAEP to the fallback, one that takes some is
        // trusted with those only
        boolean ownLabels = false;
        boolean ownOaep = false;
        for (OaepParameters parameters : OaepParameters.values()) {
            if (oaepWorks(oaep.provider, probeKey, newOaepSpec(parameters, EMPTY))) {
                ownOaep = true;
                ownLabels |= oaepWorks(oaep.provider, probeKey, newOaepSpec(parameters, probeLabel));
            }
        }
        this.oaepLabelled = ownOaep && !ownLabels && oaepFallback != null ? new CipherCache(OAEP, oaepFallback.provider)
                : this.oaep;
        Map<OaepParameters, OAEPParameterSpec> specs = new EnumMap<>(OaepParameters.class);
        for (OaepParameters parameters : OaepParameters.values()) {
            OAEPParameterSpec spec = newOaepSpec(parameters, EMPTY);
            if (oaepWorks(oaep.provider, probeKey, spec)
                    && oaepWorks(oaepLabelled.provider(), probeKey, newOaepSpec(parameters, probeLabel))) {
                specs.put(parameters, spec);
            }
        }
        this.oaepWithoutLabel = specs;

        EnumSet<Suite> found = EnumSet.noneOf(Suite.class);
        if (specs.containsKey(OaepParameters.SHA1_MGF1_SHA1)) {
            found.add(Suite.V1_ICURE);
        }
        if (specs.containsKey(OaepParameters.SHA256_MGF1_SHA256)) {
            found.add(Suite.V2_GCM_OAEP256);
        }
        this.suites = Collections.unmodifiableSet(found);

        String oaepNote = specs.size() == OaepParameters.values().length ? "" : " (only " + specs.keySet() + ")";
        boolean labelsElsewhere = this.oaepLabelled != this.oaep;
        if (labelsElsewhere) {
            oaepNote += "; with a non-empty label: " + this.oaepLabelled.describe() + " (" + oaep.provider.getName()
                    + " refuses OAEP labels)";
        }
        this.primitives = List.of(
                new PrimitiveInfo(Primitive.SECURE_RANDOM, randomDescription, randomNative),
                new PrimitiveInfo(Primitive.AES_KEY_GENERATION, "raw key bytes from " + randomDescription,
                        randomNative),
                new PrimitiveInfo(Primitive.AES_CBC_PKCS7, describe(this.cbc, this.cbc192), cbc.nativeToLibrary),
                new PrimitiveInfo(Primitive.AES_GCM, describe(this.gcm, this.gcm192), gcm.nativeToLibrary),
                new PrimitiveInfo(Primitive.RSA_KEY_GENERATION,
                        this.rsaKeyPairGenerator.getName() + " KeyPairGenerator RSA", rsaKeyPairGenerator.nativeToLibrary),
                new PrimitiveInfo(Primitive.RSA_KEY_ENCODING,
                        this.rsaKeyFactory.getName() + " KeyFactory RSA (SPKI, PKCS#8)", rsaKeyFactory.nativeToLibrary),
                new PrimitiveInfo(Primitive.RSA_OAEP,
                        this.oaep.describe() + " with explicit OAEPParameterSpec" + oaepNote,
                        oaep.nativeToLibrary && !labelsElsewhere),
                new PrimitiveInfo(Primitive.ED25519, ed25519.describe(), ed25519.nativeToLibrary()),
                new PrimitiveInfo(Primitive.HKDF_SHA256,
                        "HKDF (RFC 5869) in medcrypt over " + this.hmacSha256.getName() + " Mac " + HMAC_SHA256,
                        hmacSha256.nativeToLibrary));
    }

    /** The engine of the {@code jca} provider: the JDK's SunJCE, SunRsaSign, SUN and SunEC. */
    static JcaEngine forJdk(String providerId) throws GeneralSecurityException {
        SecureRandom random = jdkRandom();
        Choice cbc = chooseCipher(CBC, JDK, null);
        Choice gcm = chooseCipher(GCM, JDK, null);
        return new JcaEngine(providerId, random, describe(random), true,
                cbc, cbc, gcm, gcm, chooseCipher(OAEP, JDK, null), null,
                choose("KeyFactory", RSA, JDK, null), choose("KeyPairGenerator", RSA, JDK, null),
                Ed25519Choices.of(JDK, null, null, random), choose("Mac", HMAC_SHA256, JDK, null));
    }

    /**
     * The engine of a JCA provider object, falling back to the JDK for what it lacks (say,
     * AES-192, which BoringSSL's AES-GCM and AES-CBC in Conscrypt 2.5 refuse, Ed25519, which
     * Conscrypt 2.5 does not offer at all, or OAEP labels and an Ed25519 {@code KeyFactory}, which
     * ACCP 2.5 lacks). {@link #primitives()} names every fallback.
     */
    static JcaEngine forProvider(String providerId, Provider provider, String randomAlgorithm)
            throws GeneralSecurityException {
        ServiceLookup own = (type, algorithm) -> provider.getService(type, algorithm) != null ? provider : null;
        ServiceLookup ownCipher = (type, algorithm) -> provider;
        SecureRandom random;
        boolean randomNative;
        if (provider.getService("SecureRandom", randomAlgorithm) != null) {
            random = SecureRandom.getInstance(randomAlgorithm, provider);
            randomNative = true;
        } else {
            random = jdkRandom();
            randomNative = false;
        }
        String randomDescription = describe(random);
        Choice cbc = chooseCipher(CBC, ownCipher, JDK);
        Choice gcm = chooseCipher(GCM, ownCipher, JDK);
        Choice cbc192 = takes192BitKeys(cbc.provider, CBC) ? cbc : chooseCipher(CBC, JDK, null).fallback();
        Choice gcm192 = takes192BitKeys(gcm.provider, GCM) ? gcm : chooseCipher(GCM, JDK, null).fallback();
        return new JcaEngine(providerId, random, randomDescription, randomNative,
                cbc, cbc192, gcm, gcm192, chooseCipher(OAEP, ownCipher, JDK), jdkOaep(),
                choose("KeyFactory", RSA, own, JDK), choose("KeyPairGenerator", RSA, own, JDK),
                Ed25519Choices.of(own, JDK, provider.getName(), random), choose("Mac", HMAC_SHA256, own, JDK));
    }

    String providerId() {
        return providerId;
    }

    SecureRandom random() {
        return random;
    }

    AesCipherCache cbc(AesSecretKey key) {
        return key.length() == 24 ? cbc192 : cbc;
    }

    AesCipherCache gcm(AesSecretKey key) {
        return key.length() == 24 ? gcm192 : gcm;
    }

    /** The OAEP cipher for a label of this length: ACCP 2.5 takes none, so the JDK does those. */
    CipherCache oaep(byte[] label) {
        return label.length == 0 ? oaep : oaepLabelled;
    }

    Provider rsaKeyFactory() {
        return rsaKeyFactory;
    }

    Provider rsaKeyPairGenerator() {
        return rsaKeyPairGenerator;
    }

    Provider ed25519KeyPairGenerator() {
        return ed25519KeyPairGenerator;
    }

    /**
     * Whether {@link #ed25519KeyPairGenerator()} takes a random source; ACCP's does not (it
     * draws from AWS-LC's own generator and throws {@link UnsupportedOperationException} on
     * {@code initialize}).
     */
    boolean ed25519GeneratorTakesRandom() {
        return ed25519GeneratorTakesRandom;
    }

    /** The {@code KeyPairGenerator} that derives the public key of an imported seed. */
    Provider ed25519SeedDeriver() {
        return ed25519SeedDeriver;
    }

    Provider ed25519KeyFactory() {
        return ed25519KeyFactory;
    }

    Provider ed25519Signature() {
        return ed25519Signature;
    }

    Provider hmacSha256() {
        return hmacSha256;
    }

    Set<Suite> suites() {
        return suites;
    }

    List<PrimitiveInfo> primitives() {
        return primitives;
    }

    /**
     * The OAEP parameters to give the cipher: hash, MGF1 hash and label always explicit, never
     * the JCA defaults.
     */
    OAEPParameterSpec oaepSpec(OaepParameters parameters, byte[] label) throws GeneralSecurityException {
        OAEPParameterSpec withoutLabel = oaepWithoutLabel.get(parameters);
        if (withoutLabel == null) {
            throw new GeneralSecurityException(providerId + " does not support OAEP with " + parameters.hash()
                    + " and MGF1 with " + parameters.mgf1Hash() + " (" + oaep(label).describe() + ")");
        }
        return label.length == 0 ? withoutLabel : newOaepSpec(parameters, label);
    }

    private static OAEPParameterSpec newOaepSpec(OaepParameters parameters, byte[] label) {
        return new OAEPParameterSpec(parameters.hash(), "MGF1", new MGF1ParameterSpec(parameters.mgf1Hash()),
                new PSource.PSpecified(label));
    }

    private boolean oaepWorks(Provider provider, PublicKey probeKey, OAEPParameterSpec spec) {
        try {
            Cipher cipher = Cipher.getInstance(OAEP, provider);
            cipher.init(Cipher.ENCRYPT_MODE, probeKey, spec, random);
            return cipher.doFinal(new byte[] {42}).length == 256;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static boolean takes192BitKeys(Provider provider, String transformation) {
        AlgorithmParameterSpec parameters = transformation.equals(GCM)
                ? new GCMParameterSpec(128, new byte[12]) : new IvParameterSpec(new byte[16]);
        AesSecretKey probe = new AesSecretKey(new byte[24]);
        try {
            Cipher cipher = Cipher.getInstance(transformation, provider);
            cipher.init(Cipher.ENCRYPT_MODE, probe, parameters);
            cipher.doFinal(new byte[1]);
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The operating system's generator ({@code /dev/urandom}) where SUN offers it: it costs a
     * sixth of the DRBG's time per nonce, which shows on small messages. Elsewhere (Windows) the
     * DRBG at a 256-bit strength, so that AES-256 keys get all the entropy they can hold.
     */
    private static SecureRandom jdkRandom() throws GeneralSecurityException {
        Provider sun = JDK.find("SecureRandom", "NativePRNGNonBlocking");
        if (sun != null) {
            return SecureRandom.getInstance("NativePRNGNonBlocking", sun);
        }
        sun = JDK.find("SecureRandom", "DRBG");
        if (sun == null) {
            throw new NoSuchAlgorithmException("the JDK security provider SUN (SecureRandom) is not installed");
        }
        return SecureRandom.getInstance("DRBG", java.security.DrbgParameters.instantiation(
                256, java.security.DrbgParameters.Capability.RESEED_ONLY, null), sun);
    }

    private static String describe(SecureRandom random) {
        String text = random.getProvider().getName() + " SecureRandom " + random.getAlgorithm();
        String details = random.toString();
        // DRBG prints its mechanism; some print their own name or class name ("SPI" for ACCP's),
        // others an object identity
        return details.contains("@") || details.equalsIgnoreCase(random.getAlgorithm()) || details.isBlank()
                || !details.contains(",") && !details.contains(" ") ? text : text + " (" + details + ")";
    }

    private static String describe(AesCipherCache main, AesCipherCache for192) {
        return main == for192 ? main.describe() : main.describe() + "; AES-192 keys: " + for192.describe();
    }

    private static Provider findInJdk(String type, String algorithm) {
        for (String name : JDK_PROVIDER_NAMES) {
            Provider provider = java.security.Security.getProvider(name);
            if (provider != null && (type.equals("Cipher")
                    ? makesCipher(provider, algorithm) : provider.getService(type, algorithm) != null)) {
                return provider;
            }
        }
        return null;
    }

    private static boolean makesCipher(Provider provider, String transformation) {
        try {
            Cipher.getInstance(transformation, provider);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The JDK's OAEP cipher, for labels where a provider refuses them; null without SunJCE. */
    private static Choice jdkOaep() {
        Provider provider = JDK.find("Cipher", OAEP);
        return provider == null ? null : new Choice(provider, false);
    }

    private static Choice chooseCipher(String transformation, ServiceLookup primary, ServiceLookup fallback)
            throws GeneralSecurityException {
        Provider provider = primary.find("Cipher", transformation);
        if (provider != null && makesCipher(provider, transformation)) {
            return new Choice(provider, true);
        }
        provider = fallback == null ? null : fallback.find("Cipher", transformation);
        if (provider != null) {
            return new Choice(provider, false);
        }
        throw new NoSuchAlgorithmException("no JCA provider for Cipher " + transformation);
    }

    private static Choice choose(String type, String algorithm, ServiceLookup primary, ServiceLookup fallback)
            throws GeneralSecurityException {
        Provider provider = primary.find(type, algorithm);
        if (provider != null) {
            return new Choice(provider, true);
        }
        provider = fallback == null ? null : fallback.find(type, algorithm);
        if (provider != null) {
            return new Choice(provider, false);
        }
        throw new NoSuchAlgorithmException("no JCA provider for " + type + " " + algorithm);
    }

    /**
     * Checks once that {@code generator}, fed RFC 8032's TEST 1 seed as its randomness, derives
     * RFC 8032's public key. Importing a private seed relies on this (Java 17 has no other way to
     * get the public key of an Ed25519 seed); a JDK that drew its randomness differently would be
     * caught here, and the provider reported unavailable, instead of signing with a wrong key.
     */
    private static void checkEd25519SeedDerivation(Provider generator) throws GeneralSecurityException {
        if (!derivesRfc8032KeyPairs(generator)) {
            throw new NoSuchAlgorithmException(generator.getName() + " KeyPairGenerator " + ED25519
                    + " does not derive RFC 8032 public keys from a seed given as its randomness");
        }
    }

    private static boolean derivesRfc8032KeyPairs(Provider generator) {
        try {
            byte[] derived = JcaEd25519.publicKeyOfSeed(generator, HexFormat.of().parseHex(RFC8032_TEST1_SEED));
            return Arrays.equals(derived, HexFormat.of().parseHex(RFC8032_TEST1_PUBLIC));
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** Whether {@code generator} can be given a random source (ACCP's cannot). */
    private static boolean takesRandom(Provider generator, SecureRandom random) {
        try {
            KeyPairGenerator.getInstance(ED25519, generator).initialize(NamedParameterSpec.ED25519, random);
            return true;
        } catch (GeneralSecurityException | UnsupportedOperationException e) {
            return false;
        }
    }

    /**
     * The JCA services Ed25519 needs, and how to describe where they come from: a key pair
     * generator for new keys, one that derives the key pair of a given seed (the same one unless
     * it draws its own randomness), a key factory for raw keys, and the signature.
     */
    private record Ed25519Choices(Choice keyPairGenerator, boolean generatorTakesRandom, Choice seedDeriver,
            Choice keyFactory, Choice signature, String primaryName) {

        /** {@code primaryName}: the name of the primary provider, said to lack what falls back. */
        static Ed25519Choices of(ServiceLookup primary, ServiceLookup fallback, String primaryName,
                SecureRandom random) throws GeneralSecurityException {
            Choice generator = choose("KeyPairGenerator", ED25519, primary, fallback);
            Choice seedDeriver = generator;
            if (fallback != null && generator.nativeToLibrary && !derivesRfc8032KeyPairs(generator.provider)) {
                Provider other = fallback.find("KeyPairGenerator", ED25519);
                if (other != null) {
                    seedDeriver = new Choice(other, false);
                }
            }
            return new Ed25519Choices(generator, takesRandom(generator.provider, random), seedDeriver,
                    choose("KeyFactory", ED25519, primary, fallback),
                    choose("Signature", ED25519, primary, fallback), primaryName);
        }

        boolean nativeToLibrary() {
            return keyPairGenerator.nativeToLibrary && seedDeriver.nativeToLibrary && keyFactory.nativeToLibrary
                    && signature.nativeToLibrary;
        }

        /** E.g. {@code "SunEC KeyPairGenerator, KeyFactory and Signature Ed25519 (...)"}. */
        String describe() {
            String names = keyPairGenerator.provider == keyFactory.provider && keyFactory.provider == signature.provider
                    ? signature.provider.getName() + " KeyPairGenerator, KeyFactory and Signature " + ED25519
                    : keyPairGenerator.provider.getName() + " KeyPairGenerator " + ED25519 + ", "
                            + keyFactory.provider.getName() + " KeyFactory " + ED25519 + ", "
                            + signature.provider.getName() + " Signature " + ED25519;
            String derivation = seedDeriver.provider == keyPairGenerator.provider ? "the KeyPairGenerator"
                    : seedDeriver.provider.getName() + " KeyPairGenerator " + ED25519;
            return names + " (raw keys through SPKI and PKCS#8 encodings; an imported seed's public key derived"
                    + " by " + derivation + lacks() + ")";
        }

        private String lacks() {
            if (nativeToLibrary() || primaryName == null) {
                return "";
            }
            if (!keyPairGenerator.nativeToLibrary && !keyFactory.nativeToLibrary && !signature.nativeToLibrary) {
                return "; " + primaryName + " has no " + ED25519;
            }
            StringBuilder why = new StringBuilder();
            if (!keyPairGenerator.nativeToLibrary) {
                why.append(", no ").append(ED25519).append(" KeyPairGenerator");
            }
            if (!keyFactory.nativeToLibrary) {
                why.append(", no ").append(ED25519).append(" KeyFactory");
            }
            if (!signature.nativeToLibrary) {
                why.append(", no ").append(ED25519).append(" Signature");
            }
            if (seedDeriver != keyPairGenerator) {
                why.append(", a KeyPairGenerator that ").append(generatorTakesRandom
                        ? "does not derive a given seed's key pair" : "takes no random source, so no way to derive a"
                        + " given seed's key pair");
            }
            return "; " + primaryName + " has" + why.substring(1);
        }
    }

    /** Which provider does a primitive, and whether it is the provider's own library. */
    private record Choice(Provider provider, boolean nativeToLibrary) {
        Choice fallback() {
            return new Choice(provider, false);
        }
    }
}
