package org.medcrypt.modulepath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.module.ModuleDescriptor;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.medcrypt.ProviderException;
import org.medcrypt.provider.CryptoProviders;
import org.medcrypt.provider.bouncycastle.BouncyCastleCryptoProvider;
import org.medcrypt.provider.jca.JcaCryptoProvider;
import org.medcrypt.provider.tink.TinkCryptoProvider;
import org.medcrypt.spi.CryptoProvider;

/**
 * Provider discovery with everything on the module path: only {@code provides} in the providers'
 * module-info can find them here (a named module's META-INF/services is ignored), and only the
 * packages module-info exports are reachable.
 */
class ModulePathDiscoveryTest {

    private static final Map<String, String> MODULE_OF_PROVIDER = Map.of(
            "jca", "org.medcrypt.provider.jca",
            "conscrypt", "org.medcrypt.provider.jca",
            "accp", "org.medcrypt.provider.jca",
            "bouncycastle", "org.medcrypt.provider.bouncycastle",
            "tink", "org.medcrypt.provider.tink");

    @Test
    void theTestsAndMedcryptRunAsNamedModules() {
        assertThat(getClass().getModule().getName()).isEqualTo("org.medcrypt.modulepath");
        assertThat(CryptoProviders.class.getModule().getName()).isEqualTo("org.medcrypt");
        assertThat(CryptoProvider.class.getModule().getName()).isEqualTo("org.medcrypt.spi");
    }

    @Test
    void everyBundledProviderIsFoundThroughItsModuleDescriptor() {
        Map<String, CryptoProvider> found = CryptoProviders.all().stream()
                .collect(Collectors.toMap(CryptoProvider::id, p -> p));
        assertThat(found).containsOnlyKeys(MODULE_OF_PROVIDER.keySet());
        found.forEach((id, provider) -> {
            Module module = provider.getClass().getModule();
            assertThat(module.getName()).as(id).isEqualTo(MODULE_OF_PROVIDER.get(id));
            assertThat(module.getDescriptor().provides())
                    .as(id + ": declared with provides in module-info")
                    .anySatisfy(p -> {
                        assertThat(p.service()).isEqualTo(CryptoProvider.class.getName());
                        assertThat(p.providers()).contains(provider.getClass().getName());
                    });
        });
    }

    @Test
    void getChoosesByIdAndTheDefaultIsJca() {
        assertThat(CryptoProviders.get("tink").id()).isEqualTo("tink");
        assertThat(CryptoProviders.get("bouncycastle")).isInstanceOf(BouncyCastleCryptoProvider.class);
        assertThat(CryptoProviders.getDefault().id()).isEqualTo("jca");
        assertThatThrownBy(() -> CryptoProviders.get("nope")).isInstanceOf(ProviderException.class)
                .hasMessageContaining("'nope'");
    }

    @Test
    void eachProviderClassCanBeUsedDirectly() {
        // compiles only because each provider module exports its package
        assertThat(JcaCryptoProvider.create().id()).isEqualTo("jca");
        assertThat(BouncyCastleCryptoProvider.create().id()).isEqualTo("bouncycastle");
        assertThat(TinkCryptoProvider.create().id()).isEqualTo("tink");
    }

    @Test
    void onlyThePublicPackagesAreExported() {
        assertThat(exports("org.medcrypt.spi")).containsExactly("org.medcrypt.spi");
        assertThat(exports("org.medcrypt"))
                .contains("org.medcrypt", "org.medcrypt.model", "org.medcrypt.keys", "org.medcrypt.sharing",
                        "org.medcrypt.store", "org.medcrypt.json", "org.medcrypt.provider")
                .noneMatch(p -> p.contains(".internal"));
        assertThat(exports("org.medcrypt.provider.jca")).containsExactly("org.medcrypt.provider.jca");
        assertThat(exports("org.medcrypt.provider.bouncycastle")).containsExactly("org.medcrypt.provider.bouncycastle");
        assertThat(exports("org.medcrypt.provider.tink")).containsExactly("org.medcrypt.provider.tink");

        Module api = CryptoProviders.class.getModule();
        assertThat(api.getPackages()).contains("org.medcrypt.internal.keys");
        assertThat(api.isExported("org.medcrypt.internal.keys", getClass().getModule())).isFalse();
    }

    private static Set<String> exports(String module) {
        ModuleDescriptor descriptor = ModuleLayer.boot().findModule(module).orElseThrow().getDescriptor();
        return descriptor.exports().stream()
                .filter(e -> !e.isQualified())
                .map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toSet());
    }
}
