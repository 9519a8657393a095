package org.medcrypt.provider.tink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.Primitive;
import org.medcrypt.spi.PrimitiveInfo;
import org.medcrypt.spi.Suite;

class TinkCryptoProviderTest {

    private final TinkCryptoProvider provider = TinkCryptoProvider.create();

    @Test
    void serviceLoaderFindsIt() {
        List<CryptoProvider> found = ServiceLoader.load(CryptoProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.id().equals("tink"))
                .collect(Collectors.toList());
        assertThat(found).hasSize(1);
        assertThat(found.get(0)).isInstanceOf(TinkCryptoProvider.class);
    }

    @Test
    void describesItself() {
        assertThat(provider.id()).isEqualTo("tink");
        assertThat(provider.priority()).isEqualTo(100);
        assertThat(provider.library()).isEqualTo("Google Tink 1.20.0");
        assertThat(provider.version()).doesNotContain("unknown").endsWith("(Google Tink 1.20.0)");
        assertThat(provider.availability().isAvailable()).as(provider.availability().toString()).isTrue();
        assertThat(provider.suites()).containsExactlyInAnyOrder(Suite.V1_ICURE, Suite.V2_GCM_OAEP256);
    }

    @Test
    void primitivesSayWhatIsTinksAndWhatIsJca() {
        List<PrimitiveInfo> infos = provider.primitives();
        assertThat(infos).extracting(PrimitiveInfo::primitive).containsExactlyInAnyOrder(Primitive.values());
        for (PrimitiveInfo info : infos) {
            assertThat(info.implementation()).as(info.toString()).doesNotContain("unavailable");
            if (info.nativeToLibrary()) {
                assertThat(info.implementation()).startsWith("Tink ");
            } else {
                assertThat(info.implementation()).startsWith("JCA via Tink EngineFactory: ");
            }
        }
        assertThat(infos).filteredOn(i -> i.primitive() == Primitive.AES_CBC_PKCS7)
                .singleElement()
                .satisfies(i -> {
                    assertThat(i.nativeToLibrary()).isFalse();
                    assertThat(i.implementation()).contains("AES/CBC/PKCS5Padding").contains("SunJCE");
                });
        for (Primitive p : List.of(Primitive.RSA_OAEP, Primitive.RSA_KEY_GENERATION, Primitive.RSA_KEY_ENCODING)) {
            assertThat(infos).filteredOn(i -> i.primitive() == p)
                    .singleElement()
                    .satisfies(i -> assertThat(i.nativeToLibrary()).as(p.name()).isFalse());
        }
        // JCA through EngineFactory, as Tink's InsecureNonceAesGcmJce runs it, on medcrypt's own
        // per-thread ciphers (a destroyed key is cleared from them)
        assertThat(infos).filteredOn(i -> i.primitive() == Primitive.AES_GCM)
                .singleElement()
                .satisfies(i -> {
                    assertThat(i.nativeToLibrary()).isFalse();
                    assertThat(i.implementation()).contains("JCA via Tink EngineFactory: AES/GCM/NoPadding")
                            .contains("InsecureNonceAesGcmJce").contains("SunJCE");
                });
        assertThat(infos).filteredOn(i -> i.primitive() == Primitive.SECURE_RANDOM
                        || i.primitive() == Primitive.AES_KEY_GENERATION)
                .allSatisfy(i -> assertThat(i.nativeToLibrary()).isTrue());
        // Tink's pure-Java Ed25519, not the Conscrypt-through-JCA path Ed25519Sign.create may take
        assertThat(infos).filteredOn(i -> i.primitive() == Primitive.ED25519)
                .singleElement()
                .satisfies(i -> {
                    assertThat(i.nativeToLibrary()).isTrue();
                    assertThat(i.implementation()).contains("subtle.Ed25519Sign").contains("subtle.Ed25519Verify")
                            .contains("pure-Java");
                });
        // Tink's HKDF code; the text owns up to the JCA Mac under it
        assertThat(infos).filteredOn(i -> i.primitive() == Primitive.HKDF_SHA256)
                .singleElement()
                .satisfies(i -> {
                    assertThat(i.nativeToLibrary()).isTrue();
                    assertThat(i.implementation()).contains("subtle.Hkdf.computeHkdf")
                            .contains("over a JCA Mac HMACSHA256 from Tink EngineFactory (SunJCE");
                });
    }

    @Test
    void randomBytes() {
        assertThat(provider.random().bytes(0)).isEmpty();
        byte[] a = provider.random().bytes(32);
        byte[] b = new byte[32];
        provider.random().nextBytes(b);
        assertThat(a).hasSize(32).isNotEqualTo(b).isNotEqualTo(new byte[32]);
        assertThat(b).isNotEqualTo(new byte[32]);
    }

    @Test
    void toStringIsHarmless() {
        assertThat(provider.toString()).contains("Google Tink");
    }
}
