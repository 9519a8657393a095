package org.medcrypt.provider;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.medcrypt.ProviderException;
import org.medcrypt.spi.CryptoProvider;

/**
 * Finds crypto providers with {@link ServiceLoader}: each provider jar on the class path (or
 * module path) registers itself. Choose one by id ({@link #get(String)}); that is the main path.
 *
 * <p>{@link #getDefault()} picks, in this order: the id in the system property
 * {@value #PROVIDER_PROPERTY} if set; otherwise the available provider with the highest
 * {@link CryptoProvider#priority()} (jca 400, accp 350, conscrypt 300, bouncycastle 200, tink 100), and
 * logs which one it picked. Nothing found, an unknown id, or an unavailable provider is a
 * {@link ProviderException} that says which artifact to add — never a silent fallback.
 *
 * <p>The static methods use the providers visible to this class's class loader, loaded once.
 * {@link #of(List)} builds an instance over an explicit list (tests, containers).
 */
public final class CryptoProviders {

    /** System property that names the provider {@link #getDefault()} returns. */
    public static final String PROVIDER_PROPERTY = "medcrypt.provider";

    private static final Logger LOG = Logger.getLogger(CryptoProviders.class.getName());

    /** Where each bundled provider id comes from, for error messages. */
    private static final Map<String, String> ARTIFACTS = Map.of(
            "jca", "org.medcrypt:medcrypt-provider-jca",
            "conscrypt", "org.medcrypt:medcrypt-provider-jca",
            "accp", "org.medcrypt:medcrypt-provider-jca",
            "bouncycastle", "org.medcrypt:medcrypt-provider-bouncycastle",
            "tink", "org.medcrypt:medcrypt-provider-tink");

    private static final class Discovered {
        static final CryptoProviders INSTANCE = load(CryptoProviders.class.getClassLoader());
    }

    private final Map<String, CryptoProvider> providers;
    private final List<String> loadErrors;

    private CryptoProviders(List<CryptoProvider> providers, List<String> loadErrors) {
        Map<String, CryptoProvider> byId = new LinkedHashMap<>();
        for (CryptoProvider provider : providers) {
            CryptoProvider previous = byId.putIfAbsent(provider.id(), provider);
            if (previous != null && previous.getClass() != provider.getClass()) {
                throw new ProviderException("two crypto providers claim the id '" + provider.id() + "': "
                        + previous.getClass().getName() + " and " + provider.getClass().getName()
                        + "; remove one jar from the class path");
            }
        }
        this.providers = byId;
        this.loadErrors = List.copyOf(loadErrors);
    }

    /** Providers found by {@link ServiceLoader} through {@code loader}. */
    public static CryptoProviders load(ClassLoader loader) {
        List<CryptoProvider> found = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        ServiceLoader<CryptoProvider> serviceLoader = ServiceLoader.load(CryptoProvider.class, loader);
        var iterator = serviceLoader.iterator();
        while (true) {
            try {
                if (!iterator.hasNext()) {
                    break;
                }
                found.add(iterator.next());
            } catch (ServiceConfigurationError | LinkageError e) {
                errors.add(e.getMessage()); // a broken jar must not hide the working ones
            }
        }
        return new CryptoProviders(found, errors);
    }

    /** Over an explicit list of providers, without discovery. */
    public static CryptoProviders of(List<CryptoProvider> providers) {
        return new CryptoProviders(List.copyOf(providers), List.of());
    }

    /** Every provider discovered on the class path, available or not. */
    public static List<CryptoProvider> all() {
        return Discovered.INSTANCE.list();
    }

    /** The discovered provider with this id. See {@link #find(String)}. */
    public static CryptoProvider get(String id) {
        return Discovered.INSTANCE.find(id);
    }

    /** The default provider of the class path. See {@link #chooseDefault()}. */
    public static CryptoProvider getDefault() {
        return Discovered.INSTANCE.chooseDefault();
    }

    /** All providers of this instance, highest priority first. */
    public List<CryptoProvider> list() {
        return providers.values().stream()
                .sorted(Comparator.comparingInt(CryptoProvider::priority).reversed())
                .collect(Collectors.toUnmodifiableList());
    }

    /** Problems met while loading (a provider class that failed to load), for diagnostics. */
    public List<String> loadErrors() {
        return loadErrors;
    }

    /**
     * The provider with this id, if it is available.
     *
     * @throws ProviderException if no provider has this id (naming the artifact to add) or the
     *     provider cannot run here (with its reason)
     */
    public CryptoProvider find(String id) {
        Objects.requireNonNull(id, "id");
        CryptoProvider provider = providers.get(id);
        if (provider == null) {
            throw new ProviderException(notFoundMessage(id));
        }
        if (!provider.availability().isAvailable()) {
            throw new ProviderException("crypto provider '" + id + "' is on the class path but unavailable here: "
                    + provider.availability().reason());
        }
        return provider;
    }

    /** The provider with this id, if present and available. */
    public Optional<CryptoProvider> findIfAvailable(String id) {
        CryptoProvider provider = providers.get(id);
        return provider != null && provider.availability().isAvailable() ? Optional.of(provider) : Optional.empty();
    }

    /**
     * The provider named by {@value #PROVIDER_PROPERTY}, or else the available one with the
     * highest priority (logged).
     *
     * @throws ProviderException if the property names a provider that is missing or
     *     unavailable, or if no provider is available at all
     */
    public CryptoProvider chooseDefault() {
        String requested = System.getProperty(PROVIDER_PROPERTY);
        if (requested != null && !requested.isBlank()) {
            return find(requested.trim());
        }
        Optional<CryptoProvider> best = list().stream().filter(p -> p.availability().isAvailable()).findFirst();
        if (best.isEmpty()) {
            throw new ProviderException(providers.isEmpty()
                    ? "no medcrypt crypto provider found on the class path: add one of "
                            + "org.medcrypt:medcrypt-provider-jca, medcrypt-provider-bouncycastle or medcrypt-provider-tink"
                    : "no medcrypt crypto provider is available here: " + describeUnavailable());
        }
        LOG.info(() -> "medcrypt picked crypto provider '" + best.get().id() + "' (highest priority of "
                + providers.keySet() + "; set -D" + PROVIDER_PROPERTY + "=ID to choose)");
        return best.get();
    }

    private String notFoundMessage(String id) {
        String artifact = ARTIFACTS.get(id);
        String found = providers.isEmpty() ? "none" : String.join(", ", new java.util.TreeSet<>(providers.keySet()));
        return "no crypto provider with id '" + id + "' (found: " + found + ")"
                + (artifact != null ? "; add " + artifact + " to the class path"
                        : "; the bundled ids are jca, accp, conscrypt, bouncycastle and tink");
    }

    private String describeUnavailable() {
        return providers.values().stream()
                .map(p -> p.id() + " (" + p.availability().reason() + ")")
                .collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return "CryptoProviders" + providers.keySet();
    }
}
