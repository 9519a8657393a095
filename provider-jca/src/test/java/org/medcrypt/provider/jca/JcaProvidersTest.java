package org.medcrypt.provider.jca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.medcrypt.spi.AesKey;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.EncodedRsaKeyPair;
import org.medcrypt.spi.OaepParameters;
import org.medcrypt.spi.Primitive;
import org.medcrypt.spi.PrimitiveInfo;
import org.medcrypt.spi.RsaPrivateKey;
import org.medcrypt.spi.RsaPublicKey;
import org.medcrypt.spi.Suite;

/** Quick checks of the three providers; the conformance kit does the thorough ones. */
class JcaProvidersTest {

    private static final byte[] AAD = "aad".getBytes(StandardCharsets.UTF_8);

    static Stream<CryptoProvider> providers() {
        return Stream.of(JcaCryptoProvider.create(), ConscryptCryptoProvider.create(), AccpCryptoProvider.create());
    }

    @Test
    void everyProviderIsFoundByServiceLoader() {
        List<String> ids = ServiceLoader.load(CryptoProvider.class).stream()
                .map(ServiceLoader.Provider::get).map(CryptoProvider::id).collect(Collectors.toList());
        assertThat(ids).contains("jca", "conscrypt", "accp");
    }

    @Test
    void identity() {
        JcaCryptoProvider jca = new JcaCryptoProvider();
        ConscryptCryptoProvider conscrypt = new ConscryptCryptoProvider();
        assertThat(jca.id()).isEqualTo("jca");
        assertThat(jca.priority()).isEqualTo(400);
        assertThat(jca.library()).startsWith("JDK " + System.getProperty("java.version"));
        assertThat(jca.version()).startsWith("0.1.0-SNAPSHOT (JDK ");
        assertThat(conscrypt.id()).isEqualTo("conscrypt");
        assertThat(conscrypt.priority()).isEqualTo(300);
        assertThat(conscrypt.library()).isEqualTo("Conscrypt 2.5.2 (BoringSSL)");
        assertThat(conscrypt.version()).isEqualTo("0.1.0-SNAPSHOT (Conscrypt 2.5.2 (BoringSSL))");
        AccpCryptoProvider accp = new AccpCryptoProvider();
        assertThat(accp.id()).isEqualTo("accp");
        assertThat(accp.priority()).isEqualTo(AccpCryptoProvider.PRIORITY);
        assertThat(accp.library()).isEqualTo("Amazon Corretto Crypto Provider 2.5.0 (AWS-LC v1.47.0)");
        assertThat(accp.version()).isEqualTo("0.1.0-SNAPSHOT (Amazon Corretto Crypto Provider 2.5.0 (AWS-LC v1.47.0))");
    }

    @Test
    void accpIsNeverInstalledGloballyAndSaysWhatGoesElsewhere() throws Exception {
        CryptoProvider accp = new AccpCryptoProvider();
        EncodedRsaKeyPair pair = accp.rsaOaep().generateKeyPair(2048);
        accp.rsaOaep().encrypt(accp.rsaOaep().importPublicKey(pair.spki()), OaepParameters.SHA256_MGF1_SHA256,
                new byte[32], "label".getBytes(StandardCharsets.UTF_8));
        assertThat(java.security.Security.getProvider("AmazonCorrettoCryptoProvider")).isNull();
        assertThat(javax.crypto.Cipher.getInstance("AES/GCM/NoPadding").getProvider().getName()).isEqualTo("SunJCE");
        List<PrimitiveInfo> primitives = accp.primitives();
        // AWS-LC: everything but labelled OAEP (SunJCE) and the Ed25519 key factory and seed derivation (SunEC)
        assertThat(primitives).filteredOn(info -> info.primitive() != Primitive.ED25519
                        && info.primitive() != Primitive.RSA_OAEP)
                .allMatch(PrimitiveInfo::nativeToLibrary)
                .allSatisfy(info -> assertThat(info.implementation()).contains("AmazonCorrettoCryptoProvider")
                        .doesNotContain("SunJCE").doesNotContain("SunEC"));
        assertThat(primitives).filteredOn(info -> info.primitive() == Primitive.RSA_OAEP).singleElement()
                .satisfies(info -> {
                    assertThat(info.nativeToLibrary()).isFalse();
                    assertThat(info.implementation()).isEqualTo("AmazonCorrettoCryptoProvider RSA/ECB/OAEPPadding with"
                            + " explicit OAEPParameterSpec; with a non-empty label: SunJCE RSA/ECB/OAEPPadding"
                            + " (AmazonCorrettoCryptoProvider refuses OAEP labels)");
                });
        assertThat(primitives).filteredOn(info -> info.primitive() == Primitive.ED25519).singleElement()
                .satisfies(info -> {
                    assertThat(info.nativeToLibrary()).isFalse();
                    assertThat(info.implementation()).startsWith("AmazonCorrettoCryptoProvider KeyPairGenerator Ed25519,"
                            + " SunEC KeyFactory Ed25519, AmazonCorrettoCryptoProvider Signature Ed25519")
                            .contains("derived by SunEC KeyPairGenerator Ed25519");
                });
        assertThat(primitives).filteredOn(info -> info.primitive() == Primitive.SECURE_RANDOM).singleElement()
                .extracting(PrimitiveInfo::implementation).isEqualTo("AmazonCorrettoCryptoProvider SecureRandom LibCryptoRng");
    }

    @ParameterizedTest
    @MethodSource("providers")
    void isAvailableWithBothSuitesAndEveryPrimitiveDescribed(CryptoProvider provider) {
        assertThat(provider.availability().isAvailable()).as(provider.availability().toString()).isTrue();
        assertThat(provider.suites()).containsExactlyInAnyOrder(Suite.V1_ICURE, Suite.V2_GCM_OAEP256);
        List<PrimitiveInfo> primitives = provider.primitives();
        assertThat(primitives).extracting(PrimitiveInfo::primitive)
                .containsExactlyInAnyOrderElementsOf(EnumSet.allOf(Primitive.class));
        if (provider.id().equals("accp")) {
            return; // accpIsNeverInstalledGloballyAndSaysWhatGoesElsewhere
        }
        // everything is the provider's own library but Conscrypt's Ed25519, which is the JDK's SunEC
        assertThat(primitives).filteredOn(info -> info.primitive() != Primitive.ED25519)
                .allMatch(PrimitiveInfo::nativeToLibrary);
        PrimitiveInfo ed25519 = primitives.stream().filter(info -> info.primitive() == Primitive.ED25519)
                .findFirst().orElseThrow();
        assertThat(ed25519.implementation()).startsWith("SunEC KeyPairGenerator, KeyFactory and Signature Ed25519");
        if (provider.id().equals("jca")) {
            assertThat(ed25519.nativeToLibrary()).isTrue();
        } else {
            assertThat(ed25519.nativeToLibrary()).isFalse();
            assertThat(ed25519.implementation()).endsWith("; Conscrypt has no Ed25519)");
        }
        String expectedHmac = provider.id().equals("jca") ? "SunJCE" : "Conscrypt";
        assertThat(primitives).filteredOn(info -> info.primitive() == Primitive.HKDF_SHA256)
                .singleElement().extracting(PrimitiveInfo::implementation)
                .isEqualTo("HKDF (RFC 5869) in medcrypt over " + expectedHmac + " Mac HmacSHA256");
        String expectedAes = provider.id().equals("jca") ? "SunJCE AES/GCM/NoPadding"
                : "Conscrypt AES/GCM/NoPadding; AES-192 keys: SunJCE AES/GCM/NoPadding";
        assertThat(primitives).filteredOn(info -> info.primitive() == Primitive.AES_GCM)
                .singleElement().extracting(PrimitiveInfo::implementation).isEqualTo(expectedAes);
    }

    @ParameterizedTest
    @MethodSource("providers")
    void aesRoundTripsForEveryKeySizeAndLength(CryptoProvider provider) throws Exception {
        for (int bits : new int[] {128, 192, 256}) {
            byte[] raw = provider.aesKeys().generate(bits);
            assertThat(raw).hasSize(bits / 8);
            AesKey key = provider.aesKeys().importKey(raw);
            assertThat(key.sizeInBits()).isEqualTo(bits);
            for (int length : new int[] {0, 1, 15, 16, 17, 1000}) {
                byte[] plaintext = provider.random().bytes(length);
                byte[] cbc = provider.aesCbc().encrypt(key, plaintext);
                assertThat(cbc).hasSize(16 + (length / 16 + 1) * 16);
                assertThat(provider.aesCbc().decrypt(key, cbc)).isEqualTo(plaintext);
                byte[] gcm = provider.aesGcm().encrypt(key, plaintext, AAD);
                assertThat(gcm).hasSize(12 + length + 16);
                assertThat(provider.aesGcm().decrypt(key, gcm, AAD)).isEqualTo(plaintext);
                byte[] gcmNoAad = provider.aesGcm().encrypt(key, plaintext, new byte[0]);
                assertThat(provider.aesGcm().decrypt(key, gcmNoAad, new byte[0])).isEqualTo(plaintext);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("providers")
    void explicitIvAndNonceMatchKnownAnswers(CryptoProvider provider) throws Exception {
        // NIST SP 800-38A F.2.1 (CBC-AES128.Encrypt), first block
        AesKey key = provider.aesKeys().importKey(hex("2b7e151628aed2a6abf7158809cf4f3c"));
        byte[] iv = hex("000102030405060708090a0b0c0d0e0f");
        byte[] ct = provider.aesCbc().encrypt(key, iv, hex("6bc1bee22e409f96e93d7e117393172a"));
        assertThat(Arrays.copyOf(ct, 16)).isEqualTo(hex("7649abac8119b246cee98e9b12e9197d"));
        assertThat(ct).hasSize(32);
        assertThat(provider.aesCbc().decrypt(key, iv, ct)).isEqualTo(hex("6bc1bee22e409f96e93d7e117393172a"));

        // GCM test case 2 of McGrew & Viega (AES-128, zero key, zero nonce, one zero block)
        AesKey zero = provider.aesKeys().importKey(new byte[16]);
        byte[] nonce = new byte[12];
        byte[] expected = hex("0388dace60b6a392f328c2b971b2fe78ab6e47d42cec13bdf53a67b21257bddf");
        assertThat(provider.aesGcm().encryptWithNonce(zero, nonce, new byte[16], new byte[0])).isEqualTo(expected);
        // the same key and nonce twice in a row: JCA's nonce-reuse guard must not get in the way
        assertThat(provider.aesGcm().encryptWithNonce(zero, nonce, new byte[16], new byte[0])).isEqualTo(expected);
        assertThat(provider.aesGcm().decryptWithNonce(zero, nonce, expected, new byte[0])).isEqualTo(new byte[16]);
    }

    @ParameterizedTest
    @MethodSource("providers")
    void decryptionFailuresShareOneMessage(CryptoProvider provider) throws Exception {
        AesKey key = provider.aesKeys().importKey(provider.aesKeys().generate(256));
        AesKey other = provider.aesKeys().importKey(provider.aesKeys().generate(256));
        byte[] cbc = provider.aesCbc().encrypt(key, "hello".getBytes(StandardCharsets.UTF_8));
        for (byte[] bad : List.of(Arrays.copyOf(cbc, 31), Arrays.copyOf(cbc, 16), Arrays.copyOf(cbc, 33), new byte[0])) {
            assertThatThrownBy(() -> provider.aesCbc().decrypt(key, bad))
                    .isExactlyInstanceOf(GeneralSecurityException.class).hasMessage("AES-CBC decryption failed")
                    .hasNoCause();
        }
        // a wrong key almost always breaks the padding
        int failures = 0;
        for (int i = 0; i < 20; i++) {
            try {
                provider.aesCbc().decrypt(other, provider.aesCbc().encrypt(key, new byte[5]));
            } catch (GeneralSecurityException e) {
                assertThat(e).hasMessage("AES-CBC decryption failed").hasNoCause();
                failures++;
            }
        }
        assertThat(failures).isGreaterThan(10);

        byte[] gcm = provider.aesGcm().encrypt(key, "hello".getBytes(StandardCharsets.UTF_8), AAD);
        byte[] tampered = gcm.clone();
        tampered[15] ^= 1;
        for (byte[] bad : List.of(tampered, Arrays.copyOf(gcm, 27), Arrays.copyOf(gcm, gcm.length - 1), new byte[0])) {
            assertThatThrownBy(() -> provider.aesGcm().decrypt(key, bad, AAD))
                    .isExactlyInstanceOf(GeneralSecurityException.class).hasMessage("AES-GCM decryption failed")
                    .hasNoCause();
        }
        assertThatThrownBy(() -> provider.aesGcm().decrypt(key, gcm, new byte[0])).hasMessage("AES-GCM decryption failed");
        assertThatThrownBy(() -> provider.aesGcm().decrypt(other, gcm, AAD)).hasMessage("AES-GCM decryption failed");
        // the cipher of this thread still works after failures
        assertThat(provider.aesGcm().decrypt(key, gcm, AAD)).isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @MethodSource("providers")
    void refusesBadParametersAndForeignOrDestroyedKeys(CryptoProvider provider) throws Exception {
        assertThatThrownBy(() -> provider.aesKeys().generate(64)).isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> provider.aesKeys().importKey(new byte[15])).isInstanceOf(GeneralSecurityException.class);
        AesKey key = provider.aesKeys().importKey(new byte[32]);
        assertThatThrownBy(() -> provider.aesGcm().encryptWithNonce(key, new byte[16], new byte[1], new byte[0]))
                .isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> provider.aesCbc().encrypt(key, new byte[12], new byte[1]))
                .isInstanceOf(GeneralSecurityException.class);

        CryptoProvider otherProvider = provider.id().equals("jca") ? new AccpCryptoProvider() : new JcaCryptoProvider();
        AesKey foreign = otherProvider.aesKeys().importKey(new byte[32]);
        assertThatThrownBy(() -> provider.aesGcm().encrypt(foreign, new byte[1], new byte[0]))
                .isInstanceOf(GeneralSecurityException.class).hasMessageContaining("not made by provider '" + provider.id());

        byte[] raw = provider.aesKeys().generate(256);
        AesKey destroyed = provider.aesKeys().importKey(raw);
        assertThat(destroyed.toString()).doesNotContain(hexOf(raw)).contains("redacted");
        destroyed.destroy();
        assertThat(destroyed.isDestroyed()).isTrue();
        assertThatThrownBy(() -> provider.aesCbc().encrypt(destroyed, new byte[1]))
                .isInstanceOf(GeneralSecurityException.class).hasMessageContaining("destroyed");
    }

    @ParameterizedTest
    @MethodSource("providers")
    void rsaOaepRoundTripsWithEveryParameterSetAndLabel(CryptoProvider provider) throws Exception {
        EncodedRsaKeyPair pair = provider.rsaOaep().generateKeyPair(2048);
        RsaPublicKey publicKey = provider.rsaOaep().importPublicKey(pair.spki());
        RsaPrivateKey privateKey = provider.rsaOaep().importPrivateKey(pair.pkcs8());
        assertThat(publicKey.modulusBits()).isEqualTo(2048);
        assertThat(privateKey.modulusBits()).isEqualTo(2048);
        assertThat(publicKey.spki()).isEqualTo(pair.spki());
        assertThat(privateKey.toString()).contains("redacted");
        for (OaepParameters parameters : OaepParameters.values()) {
            for (byte[] label : List.of(new byte[0], "label".getBytes(StandardCharsets.UTF_8))) {
                byte[] max = provider.random().bytes(parameters.maxPlaintextLength(2048));
                byte[] ct = provider.rsaOaep().encrypt(publicKey, parameters, max, label);
                assertThat(ct).hasSize(256);
                assertThat(provider.rsaOaep().decrypt(privateKey, parameters, ct, label)).isEqualTo(max);
                assertThatThrownBy(() -> provider.rsaOaep().decrypt(privateKey, parameters, ct, "other".getBytes()))
                        .isExactlyInstanceOf(GeneralSecurityException.class).hasMessage("RSA-OAEP decryption failed");
                byte[] tooLong = new byte[max.length + 1];
                assertThatThrownBy(() -> provider.rsaOaep().encrypt(publicKey, parameters, tooLong, label))
                        .isInstanceOf(GeneralSecurityException.class);
            }
        }
        byte[] ct = provider.rsaOaep().encrypt(publicKey, OaepParameters.SHA256_MGF1_SHA256, new byte[32], new byte[0]);
        assertThatThrownBy(() -> provider.rsaOaep().decrypt(privateKey, OaepParameters.SHA256_MGF1_SHA1, ct, new byte[0]))
                .hasMessage("RSA-OAEP decryption failed");
        assertThatThrownBy(() -> provider.rsaOaep().decrypt(privateKey, OaepParameters.SHA256_MGF1_SHA256,
                Arrays.copyOf(ct, 255), new byte[0])).hasMessage("RSA-OAEP decryption failed");
        byte[] withLeadingZero = new byte[257];
        System.arraycopy(ct, 0, withLeadingZero, 1, 256);
        assertThatThrownBy(() -> provider.rsaOaep().decrypt(privateKey, OaepParameters.SHA256_MGF1_SHA256,
                withLeadingZero, new byte[0])).hasMessage("RSA-OAEP decryption failed");

        privateKey.destroy();
        assertThat(privateKey.isDestroyed()).isTrue();
        assertThatThrownBy(() -> provider.rsaOaep().decrypt(privateKey, OaepParameters.SHA256_MGF1_SHA256, ct, new byte[0]))
                .hasMessageContaining("destroyed");
    }

    @ParameterizedTest
    @MethodSource("providers")
    void rsaRefusesBadSizesAndGarbage(CryptoProvider provider) throws Exception {
        assertThatThrownBy(() -> provider.rsaOaep().generateKeyPair(1024)).isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> provider.rsaOaep().importPublicKey(new byte[] {48, 3, 2, 1, 0}))
                .isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> provider.rsaOaep().importPrivateKey(new byte[10]))
                .isInstanceOf(GeneralSecurityException.class);
        java.security.KeyPairGenerator small = java.security.KeyPairGenerator.getInstance("RSA");
        small.initialize(1024);
        java.security.KeyPair pair = small.generateKeyPair();
        assertThatThrownBy(() -> provider.rsaOaep().importPublicKey(pair.getPublic().getEncoded()))
                .isInstanceOf(GeneralSecurityException.class).hasMessageContaining("1024");
        assertThatThrownBy(() -> provider.rsaOaep().importPrivateKey(pair.getPrivate().getEncoded()))
                .isInstanceOf(GeneralSecurityException.class).hasMessageContaining("1024");
    }

    @ParameterizedTest
    @MethodSource("providers")
    void ed25519DerivesRfc8032PublicKeysFromSeeds(CryptoProvider provider) throws Exception {
        // the key pair generator fed the seed (FixedSeedRandom) must give RFC 8032's public keys:
        // RFC 8032 section 7.1, TEST 1 and TEST 2
        assertThat(provider.ed25519().importPrivateKey(
                hex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")).publicKey())
                .isEqualTo(hex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"));
        assertThat(provider.ed25519().importPrivateKey(
                hex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb")).publicKey())
                .isEqualTo(hex("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c"));
        for (int i = 0; i < 20; i++) {
            var pair = provider.ed25519().generateKeyPair();
            assertThat(provider.ed25519().importPrivateKey(pair.seed()).publicKey()).isEqualTo(pair.publicKey());
        }
    }

    @Test
    void fixedSeedRandomServesItsSeedOnceAndNothingElse() {
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) 7);
        FixedSeedRandom random = FixedSeedRandom.of(seed.clone());
        assertThatThrownBy(() -> random.nextBytes(new byte[16])).isInstanceOf(IllegalStateException.class);
        assertThat(random.served()).isFalse();
        byte[] out = new byte[32];
        random.nextBytes(out);
        assertThat(out).isEqualTo(seed);
        assertThat(random.served()).isTrue();
        assertThatThrownBy(() -> random.nextBytes(new byte[32])).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("a second time");
        assertThatThrownBy(() -> random.generateSeed(32)).isInstanceOf(IllegalStateException.class);
        assertThat(random.toString()).doesNotContain(hexOf(seed)).contains("redacted");
    }

    @ParameterizedTest
    @MethodSource("providers")
    void hkdfMatchesRfc5869TestCase1(CryptoProvider provider) throws Exception {
        byte[] okm = provider.hkdf().sha256(hex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"),
                hex("000102030405060708090a0b0c"), hex("f0f1f2f3f4f5f6f7f8f9"), 42);
        assertThat(okm).isEqualTo(hex("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"));
    }

    @ParameterizedTest
    @MethodSource("nonJdkProviders")
    void signaturesCrossBetweenProviders(CryptoProvider conscrypt) throws Exception {
        CryptoProvider jca = new JcaCryptoProvider();
        var pair = jca.ed25519().generateKeyPair();
        byte[] message = jca.random().bytes(100);
        byte[] signature = jca.ed25519().sign(jca.ed25519().importPrivateKey(pair.seed()), message);
        assertThat(conscrypt.ed25519().sign(conscrypt.ed25519().importPrivateKey(pair.seed()), message)).isEqualTo(signature);
        assertThat(conscrypt.ed25519().verify(conscrypt.ed25519().importPublicKey(pair.publicKey()), message, signature))
                .isTrue();
        // a handle of the other provider is used through its raw bytes
        assertThat(conscrypt.ed25519().verify(jca.ed25519().importPublicKey(pair.publicKey()), message, signature))
                .isTrue();
        assertThatThrownBy(() -> conscrypt.ed25519().sign(jca.ed25519().importPrivateKey(pair.seed()), message))
                .isInstanceOf(GeneralSecurityException.class).hasMessageContaining("not made by provider '" + conscrypt.id() + "'");
        // and keys the provider generates sign as the JDK does
        var own = conscrypt.ed25519().generateKeyPair();
        byte[] ownSignature = conscrypt.ed25519().sign(conscrypt.ed25519().importPrivateKey(own.seed()), message);
        assertThat(jca.ed25519().sign(jca.ed25519().importPrivateKey(own.seed()), message)).isEqualTo(ownSignature);
        assertThat(jca.ed25519().verify(jca.ed25519().importPublicKey(own.publicKey()), message, ownSignature)).isTrue();
    }

    @ParameterizedTest
    @MethodSource("nonJdkProviders")
    void ciphertextsCrossBetweenProviders(CryptoProvider conscrypt) throws Exception {
        CryptoProvider jca = new JcaCryptoProvider();
        for (CryptoProvider[] direction : List.of(new CryptoProvider[] {jca, conscrypt},
                new CryptoProvider[] {conscrypt, jca})) {
            CryptoProvider from = direction[0];
            CryptoProvider to = direction[1];
            byte[] raw = from.aesKeys().generate(256);
            byte[] message = from.random().bytes(100);
            assertThat(to.aesCbc().decrypt(to.aesKeys().importKey(raw),
                    from.aesCbc().encrypt(from.aesKeys().importKey(raw), message))).isEqualTo(message);
            assertThat(to.aesGcm().decrypt(to.aesKeys().importKey(raw),
                    from.aesGcm().encrypt(from.aesKeys().importKey(raw), message, AAD), AAD)).isEqualTo(message);
            EncodedRsaKeyPair pair = from.rsaOaep().generateKeyPair(2048);
            for (OaepParameters parameters : OaepParameters.values()) {
                byte[] ct = from.rsaOaep().encrypt(from.rsaOaep().importPublicKey(pair.spki()), parameters, raw, AAD);
                assertThat(to.rsaOaep().decrypt(to.rsaOaep().importPrivateKey(pair.pkcs8()), parameters, ct, AAD))
                        .isEqualTo(raw);
            }
        }
    }

    static Stream<CryptoProvider> nonJdkProviders() {
        return Stream.of(ConscryptCryptoProvider.create(), AccpCryptoProvider.create());
    }

    @ParameterizedTest
    @MethodSource("providers")
    void worksFromManyThreads(CryptoProvider provider) throws Exception {
        AesKey key = provider.aesKeys().importKey(provider.aesKeys().generate(256));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        byte[] message = provider.random().bytes(i);
                        if (!Arrays.equals(message, provider.aesGcm().decrypt(key,
                                provider.aesGcm().encrypt(key, message, AAD), AAD))
                                || !Arrays.equals(message, provider.aesCbc().decrypt(key,
                                provider.aesCbc().encrypt(key, message)))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static byte[] hex(String hex) {
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    static String hexOf(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            sb.append(String.format("%02x", b));
        }
        return sb.toString();
    }
}
