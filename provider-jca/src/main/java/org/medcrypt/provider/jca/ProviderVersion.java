package org.medcrypt.provider.jca;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of this module, written into a resource by the build. */
final class ProviderVersion {

    /** E.g. {@code "0.1.0-SNAPSHOT"}. */
    static final String VALUE = read();

    private ProviderVersion() {
    }

    private static String read() {
        try (InputStream in = ProviderVersion.class.getResourceAsStream("medcrypt-provider-jca.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "").trim();
            return version.isEmpty() || version.startsWith("${") ? "unknown" : version;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the version of medcrypt-provider-jca", e);
        }
    }
}
