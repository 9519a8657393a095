package org.medcrypt.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.medcrypt.ProviderException;
import org.medcrypt.provider.CryptoProviders;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.Primitive;
import org.medcrypt.spi.Suite;

/** Discovery with all five bundled providers on the class path. */
class DiscoveryTest {

    @AfterEach
    void clearProperty() {
        System.clearProperty(CryptoProviders.PROVIDER_PROPERTY);
    }

    @Test
    void serviceLoaderFindsEveryBundledProvider() {
        assertThat(CryptoProviders.all()).extracting(CryptoProvider::id)
                .containsExactly("jca", "accp", "conscrypt", "bouncycastle", "tink");
        for (CryptoProvider provider : CryptoProviders.all()) {
            assertThat(provider.availability().isAvailable()).as(provider.id() + ": " + provider.availability()).isTrue();
            assertThat(provider.suites()).containsExactlyInAnyOrder(Suite.V1_ICURE, Suite.V2_GCM_OAEP256);
            assertThat(provider.primitives()).extracting(info -> info.primitive())
                    .containsExactlyInAnyOrder(Primitive.values());
        }
    }

    @Test
    void theDefaultIsTheHighestPriorityAndThePropertyOverridesIt() {
        CryptoProviders discovered = CryptoProviders.load(getClass().getClassLoader());
        assertThat(discovered.chooseDefault().id()).isEqualTo("jca");
        System.setProperty(CryptoProviders.PROVIDER_PROPERTY, "tink");
        assertThat(discovered.chooseDefault().id()).isEqualTo("tink");
        System.setProperty(CryptoProviders.PROVIDER_PROPERTY, "bouncycastle");
        assertThat(discovered.chooseDefault().id()).isEqualTo("bouncycastle");
    }

    @Test
    void anUnknownIdListsWhatIsThere() {
        assertThatThrownBy(() -> CryptoProviders.get("openssl")).isInstanceOf(ProviderException.class)
                .hasMessageContaining("found: accp, bouncycastle, conscrypt, jca, tink");
    }
}
