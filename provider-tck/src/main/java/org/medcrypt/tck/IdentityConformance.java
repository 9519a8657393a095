package org.medcrypt.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.Primitive;
import org.medcrypt.spi.PrimitiveInfo;
import org.medcrypt.spi.SecureRandomSource;
import org.medcrypt.spi.Suite;

/** What a provider says about itself, and its random source. */
public abstract class IdentityConformance extends ConformanceSection {

    /** The priorities {@link CryptoProvider#priority()} documents for the bundled providers. */
    private static final Map<String, Integer> DOCUMENTED_PRIORITIES =
            Map.of("jca", 400, "accp", 350, "conscrypt", 300, "bouncycastle", 200, "tink", 100);

    @Test
    void idIsLowercaseAndStable() {
        String id = p().id();
        assertThat(id).isNotBlank().matches("[a-z0-9][a-z0-9._-]*");
        assertThat(p().id()).isEqualTo(id);
        assertThat(provider().id()).as("id of a second instance").isEqualTo(id);
    }

    @Test
    void versionAndLibraryAreNotBlank() {
        assertThat(p().version()).isNotBlank();
        assertThat(p().library()).isNotBlank();
    }

    @Test
    void bundledProvidersHaveTheirDocumentedPriority() {
        Integer documented = DOCUMENTED_PRIORITIES.get(p().id());
        if (documented != null) {
            assertThat(p().priority()).as("priority of '%s'", p().id()).isEqualTo(documented);
        }
    }

    @Test
    void isAvailable() {
        assertThat(p().availability()).isNotNull();
        assertThat(p().availability().isAvailable())
                .as("availability: %s", p().availability())
                .isTrue();
        assertThat(p().availability().reason()).isEmpty();
        assertThatCode(() -> p().requireAvailable()).doesNotThrowAnyException();
    }

    @Test
    void supportsBothSuites() {
        Set<Suite> suites = p().suites();
        assertThat(suites).contains(Suite.V1_ICURE, Suite.V2_GCM_OAEP256);
    }

    @Test
    void describesEachPrimitiveExactlyOnce() {
        List<PrimitiveInfo> infos = p().primitives();
        assertThat(infos).isNotNull();
        assertThat(infos).extracting(PrimitiveInfo::primitive).doesNotHaveDuplicates();
        assertThat(EnumSet.copyOf(infos.stream().map(PrimitiveInfo::primitive).toList()))
                .isEqualTo(EnumSet.allOf(Primitive.class));
        assertThat(infos).allSatisfy(i -> assertThat(i.implementation()).isNotBlank());
    }

    @Test
    void factoriesAreNotNull() {
        assertThat(p().random()).isNotNull();
        assertThat(p().aesKeys()).isNotNull();
        assertThat(p().aesCbc()).isNotNull();
        assertThat(p().aesGcm()).isNotNull();
        assertThat(p().rsaOaep()).isNotNull();
        assertThat(p().ed25519()).isNotNull();
        assertThat(p().hkdf()).isNotNull();
    }

    @Test
    void randomReturnsFreshBytesOfTheRequestedLength() {
        SecureRandomSource random = p().random();
        assertThat(random.bytes(0)).isEmpty();
        byte[] a = random.bytes(32);
        byte[] b = random.bytes(32);
        assertThat(a).hasSize(32);
        assertThat(a).isNotEqualTo(b).isNotEqualTo(new byte[32]);
        byte[] filled = new byte[64];
        random.nextBytes(filled);
        assertThat(filled).isNotEqualTo(new byte[64]);
        assertThat(random.bytes(100_000)).hasSize(100_000);
        assertThatThrownBy(() -> random.bytes(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
