package org.medcrypt.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.medcrypt.ProviderException;
import org.medcrypt.spi.AesCbc;
import org.medcrypt.spi.AesGcm;
import org.medcrypt.spi.AesKeys;
import org.medcrypt.spi.Availability;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.PrimitiveInfo;
import org.medcrypt.spi.RsaOaep;
import org.medcrypt.spi.SecureRandomSource;
import org.medcrypt.spi.Suite;

/** Discovery rules, with stand-in providers that only say who they are. */
class CryptoProvidersTest {

    private record Named(String id, int priority, Availability availability) implements CryptoProvider {
        @Override public String version() { return "test"; }
        @Override public String library() { return "none"; }
        @Override public Set<Suite> suites() { return Set.of(); }
        @Override public List<PrimitiveInfo> primitives() { return List.of(); }
        @Override public SecureRandomSource random() { throw new UnsupportedOperationException(); }
        @Override public AesKeys aesKeys() { throw new UnsupportedOperationException(); }
        @Override public AesCbc aesCbc() { throw new UnsupportedOperationException(); }
        @Override public AesGcm aesGcm() { throw new UnsupportedOperationException(); }
        @Override public RsaOaep rsaOaep() { throw new UnsupportedOperationException(); }
        @Override public org.medcrypt.spi.Ed25519 ed25519() { throw new UnsupportedOperationException(); }
        @Override public org.medcrypt.spi.Hkdf hkdf() { throw new UnsupportedOperationException(); }
    }

    private static final Named JCA = new Named("jca", 400, Availability.available());
    private static final Named TINK = new Named("tink", 100, Availability.available());
    private static final Named CONSCRYPT = new Named("conscrypt", 300,
            Availability.unavailable("native library not found for linux-riscv64"));

    @AfterEach
    void clearProperty() {
        System.clearProperty(CryptoProviders.PROVIDER_PROPERTY);
    }

    @Test
    void withNoProviderOnTheClassPathTheErrorNamesTheArtifactsToAdd() {
        // the api module's own tests have no provider on their class path
        assertThat(CryptoProviders.all()).isEmpty();
        assertThatThrownBy(CryptoProviders::getDefault).isInstanceOf(ProviderException.class)
                .hasMessageContaining("org.medcrypt:medcrypt-provider-jca");
        assertThatThrownBy(() -> CryptoProviders.get("bouncycastle")).isInstanceOf(ProviderException.class)
                .hasMessageContaining("add org.medcrypt:medcrypt-provider-bouncycastle");
    }

    @Test
    void theDefaultIsTheAvailableProviderWithTheHighestPriority() {
        assertThat(CryptoProviders.of(List.of(TINK, CONSCRYPT, JCA)).chooseDefault()).isSameAs(JCA);
        assertThat(CryptoProviders.of(List.of(TINK, CONSCRYPT)).chooseDefault()).isSameAs(TINK);
        assertThat(CryptoProviders.of(List.of(TINK)).chooseDefault()).isSameAs(TINK);
        assertThat(CryptoProviders.of(List.of(TINK, JCA)).list()).containsExactly(JCA, TINK);
    }

    @Test
    void theSystemPropertyOverridesThePriority() {
        System.setProperty(CryptoProviders.PROVIDER_PROPERTY, "tink");
        assertThat(CryptoProviders.of(List.of(TINK, JCA)).chooseDefault()).isSameAs(TINK);
        System.setProperty(CryptoProviders.PROVIDER_PROPERTY, "nope");
        assertThatThrownBy(() -> CryptoProviders.of(List.of(TINK, JCA)).chooseDefault())
                .isInstanceOf(ProviderException.class).hasMessageContaining("'nope'").hasMessageContaining("jca, tink");
    }

    @Test
    void anUnavailableProviderIsSkippedAndExplained() {
        CryptoProviders providers = CryptoProviders.of(List.of(CONSCRYPT));
        assertThatThrownBy(() -> providers.find("conscrypt")).isInstanceOf(ProviderException.class)
                .hasMessageContaining("unavailable here: native library not found");
        assertThatThrownBy(providers::chooseDefault).isInstanceOf(ProviderException.class)
                .hasMessageContaining("conscrypt (native library not found");
        assertThat(providers.findIfAvailable("conscrypt")).isEmpty();
    }

    @Test
    void anUnknownIdSaysWhatIsThere() {
        assertThatThrownBy(() -> CryptoProviders.of(List.of(JCA)).find("openssl"))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("no crypto provider with id 'openssl' (found: jca)");
    }

    @Test
    void twoDifferentProvidersCannotShareAnId() {
        assertThatThrownBy(() -> CryptoProviders.of(List.of(JCA, new Impostor())))
                .isInstanceOf(ProviderException.class).hasMessageContaining("two crypto providers claim the id 'jca'");
    }

    private static final class Impostor implements CryptoProvider {
        private final Named delegate = new Named("jca", 999, Availability.available());
        @Override public String id() { return delegate.id(); }
        @Override public String version() { return "x"; }
        @Override public String library() { return "x"; }
        @Override public int priority() { return delegate.priority(); }
        @Override public Availability availability() { return delegate.availability(); }
        @Override public Set<Suite> suites() { return Set.of(); }
        @Override public List<PrimitiveInfo> primitives() { return List.of(); }
        @Override public SecureRandomSource random() { throw new UnsupportedOperationException(); }
        @Override public AesKeys aesKeys() { throw new UnsupportedOperationException(); }
        @Override public AesCbc aesCbc() { throw new UnsupportedOperationException(); }
        @Override public AesGcm aesGcm() { throw new UnsupportedOperationException(); }
        @Override public RsaOaep rsaOaep() { throw new UnsupportedOperationException(); }
        @Override public org.medcrypt.spi.Ed25519 ed25519() { throw new UnsupportedOperationException(); }
        @Override public org.medcrypt.spi.Hkdf hkdf() { throw new UnsupportedOperationException(); }
    }
}
