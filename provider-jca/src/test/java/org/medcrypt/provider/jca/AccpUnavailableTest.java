package org.medcrypt.provider.jca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.medcrypt.spi.AesKey;
import org.medcrypt.spi.Availability;
import org.medcrypt.spi.OaepParameters;

/** A platform where ACCP's native library (AWS-LC) does not load, or its self-tests fail. */
class AccpUnavailableTest {

    private static final String LOAD_ERROR = "/tmp/amazonCorrettoCryptoProviderNativeLibraries.1/libamazonCorrettoCryptoProvider.so: invalid ELF header";

    private final AtomicInteger probes = new AtomicInteger();
    private final Supplier<Provider> failingProbe = () -> {
        probes.incrementAndGet();
        throw new UnsatisfiedLinkError(LOAD_ERROR);
    };

    @Test
    void constructionDoesNoWork() {
        AccpCryptoProvider provider = new AccpCryptoProvider(failingProbe);
        assertThat(provider.id()).isEqualTo("accp");
        assertThat(provider.priority()).isEqualTo(AccpCryptoProvider.PRIORITY);
        assertThat(provider.library()).startsWith("Amazon Corretto Crypto Provider 2.5.0 (AWS-LC");
        assertThat(probes).hasValue(0);
    }

    @Test
    void availabilitySaysWhyAndIsMemoised() {
        AccpCryptoProvider provider = new AccpCryptoProvider(failingProbe);
        Availability availability = provider.availability();
        assertThat(availability.isAvailable()).isFalse();
        assertThat(availability.reason()).contains(LOAD_ERROR).contains("UnsatisfiedLinkError").contains("'jca'");
        assertThat(provider.suites()).isEmpty();
        assertThat(provider.primitives()).isEmpty();
        assertThatThrownBy(provider::requireAvailable).isInstanceOf(GeneralSecurityException.class)
                .hasMessageContaining(LOAD_ERROR);
        provider.availability();
        assertThat(probes).hasValue(1);
    }

    @Test
    void everyPrimitiveThrowsTheReason() {
        AccpCryptoProvider provider = new AccpCryptoProvider(failingProbe);
        AesKey key = new ForeignKey();
        assertThatThrownBy(() -> provider.aesKeys().generate(256)).isInstanceOf(GeneralSecurityException.class)
                .hasMessageContaining("'accp' is unavailable").hasMessageContaining(LOAD_ERROR);
        assertThatThrownBy(() -> provider.aesKeys().importKey(new byte[32])).isInstanceOf(GeneralSecurityException.class)
                .hasMessageContaining(LOAD_ERROR);
        assertThatThrownBy(() -> provider.aesCbc().encrypt(key, new byte[1])).isInstanceOf(GeneralSecurityException.class)
                .hasMessageContaining(LOAD_ERROR);
        assertThatThrownBy(() -> provider.aesGcm().encryptWithNonce(key, new byte[12], new byte[1], new byte[0]))
                .isInstanceOf(GeneralSecurityException.class).hasMessageContaining(LOAD_ERROR);
        assertThatThrownBy(() -> provider.aesGcm().decrypt(new ForeignKey(), new byte[40], new byte[0]))
                .isInstanceOf(GeneralSecurityException.class).hasMessageContaining(LOAD_ERROR);
        assertThatThrownBy(() -> provider.aesCbc().decrypt(new ForeignKey(), new byte[32]))
                .isInstanceOf(GeneralSecurityException.class).hasMessageContaining(LOAD_ERROR);
        assertThatThrownBy(() -> provider.rsaOaep().generateKeyPair(2048)).isInstanceOf(GeneralSecurityException.class)
                .hasMessageContaining(LOAD_ERROR);
        assertThatThrownBy(() -> provider.rsaOaep().importPublicKey(new byte[10]))
                .isInstanceOf(GeneralSecurityException.class).hasMessageContaining(LOAD_ERROR);
        assertThatThrownBy(() -> provider.rsaOaep().encrypt(null, OaepParameters.SHA1_MGF1_SHA1, new byte[1], new byte[0]))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> provider.random().bytes(16)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(LOAD_ERROR);
        assertThatThrownBy(() -> provider.ed25519().generateKeyPair()).isInstanceOf(GeneralSecurityException.class)
                .hasMessageContaining(LOAD_ERROR);
        assertThatThrownBy(() -> provider.ed25519().importPrivateKey(new byte[32]))
                .isInstanceOf(GeneralSecurityException.class).hasMessageContaining(LOAD_ERROR);
        assertThatThrownBy(() -> provider.ed25519().verify(() -> new byte[32], new byte[0], new byte[64]))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(LOAD_ERROR);
        assertThatThrownBy(() -> provider.hkdf().sha256(new byte[0], new byte[0], new byte[0], 32))
                .isInstanceOf(GeneralSecurityException.class).hasMessageContaining(LOAD_ERROR);
        assertThat(probes).hasValue(1);
    }

    @Test
    void aMissingAccpJarIsReportedToo() {
        AccpCryptoProvider provider = new AccpCryptoProvider(() -> {
            throw new NoClassDefFoundError("com/amazon/corretto/crypto/provider/AmazonCorrettoCryptoProvider");
        });
        assertThat(provider.availability().reason()).contains("NoClassDefFoundError")
                .contains("com/amazon/corretto/crypto/provider/AmazonCorrettoCryptoProvider")
                .contains("classifier").contains("'jca'");
    }

    @Test
    void failedSelfTestsAreReported() {
        AccpCryptoProvider provider = new AccpCryptoProvider(() -> {
            throw new com.amazon.corretto.crypto.provider.RuntimeCryptoException("Self-test failed: AES-GCM");
        });
        assertThat(provider.availability().isAvailable()).isFalse();
        assertThat(provider.availability().reason()).contains("RuntimeCryptoException").contains("Self-test failed");
    }

    /** A key handle from nowhere, to reach the availability check before the key check. */
    private static final class ForeignKey implements AesKey {
        @Override
        public int sizeInBits() {
            return 256;
        }

        @Override
        public void destroy() {
        }
    }
}
