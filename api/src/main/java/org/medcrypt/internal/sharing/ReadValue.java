package org.medcrypt.internal.sharing;

import java.util.Objects;
import org.medcrypt.internal.format.WireFormat;

/**
 * A small key as the service opened it: the plain value, the format it is written in and the party
 * that wrote it. Holds a secret: {@link #toString()} redacts it.
 */
public record ReadValue(String value, WireFormat format, String owner) {
    public ReadValue {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(owner, "owner");
    }

    @Override
    public String toString() {
        return "ReadValue[" + format.label() + ", from " + owner + ", value=<redacted>]";
    }
}
