package org.medcrypt.internal.format;

import java.util.List;
import java.util.Optional;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.Suite;

/** The formats medcrypt reads and writes, for one provider; a value's format is told by its text. */
public final class WireFormats {

    private final V1IcureFormat v1;
    private final V2GcmFormat v2;
    private final List<WireFormat> all;

    public WireFormats(CryptoProvider provider) {
        this.v1 = new V1IcureFormat(provider);
        this.v2 = new V2GcmFormat(provider);
        this.all = List.of(v2, v1);
    }

    public WireFormat of(Suite suite) {
        return switch (suite) {
            case V1_ICURE -> v1;
            case V2_GCM_OAEP256 -> v2;
        };
    }

    /** The format a stored value is written in: v2 for {@code "mc2:"} envelopes, v1 otherwise. */
    public WireFormat ofValue(String value) {
        return V2Envelope.looksLikeOne(value) ? v2 : v1;
    }

    public List<WireFormat> all() {
        return all;
    }

    /** The suite named {@code "v1"} or {@code "v2"}. */
    public static Optional<Suite> byLabel(String label) {
        return switch (label) {
            case "v1" -> Optional.of(Suite.V1_ICURE);
            case "v2" -> Optional.of(Suite.V2_GCM_OAEP256);
            default -> Optional.empty();
        };
    }

    public static String label(Suite suite) {
        return suite == Suite.V1_ICURE ? "v1" : "v2";
    }
}
