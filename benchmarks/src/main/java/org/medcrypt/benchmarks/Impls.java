package org.medcrypt.benchmarks;

import java.security.GeneralSecurityException;
import java.util.List;
import org.medcrypt.provider.CryptoProviders;
import org.medcrypt.spi.CryptoProvider;

/**
 * The implementation ids the benchmarks take as {@code @Param}: the five medcrypt providers and
 * three raw baselines, {@value #RAW_JDK} (the JDK's {@code Cipher}), {@value #RAW_CONSCRYPT}
 * (Conscrypt's {@code Cipher}, from {@code Conscrypt.newProvider()}) and {@value #RAW_ACCP} (ACCP's
 * {@code Cipher}, from {@code AmazonCorrettoCryptoProvider.INSTANCE}), with no medcrypt code.
 */
public final class Impls {

    public static final String RAW_JDK = "raw-jdk";
    public static final String RAW_CONSCRYPT = "raw-conscrypt";
    public static final String RAW_ACCP = "raw-accp";

    /** The medcrypt provider ids, in their documented priority order. */
    public static final List<String> PROVIDERS = List.of("jca", "accp", "conscrypt", "bouncycastle", "tink");

    private Impls() {
    }

    public static boolean isRaw(String impl) {
        return impl.startsWith("raw-");
    }

    /** {@code "jdk"}, {@code "conscrypt"} or {@code "accp"} for a raw id. */
    public static String rawLibrary(String impl) {
        switch (impl) {
            case RAW_JDK:
                return RawJceScenario.JDK;
            case RAW_CONSCRYPT:
                return RawJceScenario.CONSCRYPT;
            case RAW_ACCP:
                return RawJceScenario.ACCP;
            default:
                throw new IllegalArgumentException("not a raw baseline id: " + impl);
        }
    }

    /**
     * The raw baseline a provider is compared with: Conscrypt's {@code Cipher} for
     * {@code conscrypt}, ACCP's for {@code accp}, the JDK's for the others (jca runs on it; tink's
     * AES-CBC and RSA and bouncycastle's RSA are compared with the JDK as the platform default).
     */
    public static String baselineOf(String impl) {
        if (impl.equals("conscrypt") || impl.equals(RAW_CONSCRYPT)) {
            return RAW_CONSCRYPT;
        }
        return impl.equals("accp") || impl.equals(RAW_ACCP) ? RAW_ACCP : RAW_JDK;
    }

    /** The discovered, available provider with this id. */
    public static CryptoProvider provider(String id) throws GeneralSecurityException {
        CryptoProvider provider = CryptoProviders.get(id);
        provider.requireAvailable();
        return provider;
    }
}
