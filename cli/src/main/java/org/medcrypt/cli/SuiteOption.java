package org.medcrypt.cli;

import java.util.Locale;
import org.medcrypt.spi.Suite;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code --suite v1|v2}: the format new entities are written in. */
final class SuiteOption {

    @Option(names = "--suite", paramLabel = "v1|v2", defaultValue = "v2", converter = Converter.class,
            description = "Format of what is written: v2 (medcrypt's authenticated format: AES-256-GCM, RSA-OAEP SHA-256, "
                    + "signed pair keys; the default) or v1 (iCure's format, for data iCure's SDK must read: AES-CBC "
                    + "without integrity, RSA-OAEP SHA-1).")
    Suite suite;

    /** {@code v1} or {@code v2}, as the option spells it. */
    static String label(Suite suite) {
        return suite == Suite.V1_ICURE ? "v1" : "v2";
    }

    /** One line on what the suite is, for the demo and {@code create}. */
    static String describe(Suite suite) {
        return suite == Suite.V1_ICURE
                ? "v1 (iCure's format: AES-CBC without integrity, RSA-OAEP SHA-1; medcrypt still signs its pair keys)"
                : "v2 (medcrypt's authenticated format: AES-256-GCM, RSA-OAEP SHA-256, Ed25519-signed pair keys)";
    }

    /** {@code v1}, {@code v2}, or the suite's name, in any case. */
    static final class Converter implements ITypeConverter<Suite> {
        @Override
        public Suite convert(String value) {
            switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "v1", "v1_icure":
                    return Suite.V1_ICURE;
                case "v2", "v2_gcm_oaep256":
                    return Suite.V2_GCM_OAEP256;
                default:
                    throw new TypeConversionException("choose v1 (iCure's format) or v2 (medcrypt's authenticated format)");
            }
        }
    }
}
