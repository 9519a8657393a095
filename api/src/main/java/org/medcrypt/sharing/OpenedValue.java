package org.medcrypt.sharing;

import org.medcrypt.internal.format.WireFormat;
import org.medcrypt.internal.keys.PairKeyTrust;

/** A small key as a reader opened it: the value, the format it was written in, and the pair key's trust. */
record OpenedValue(String value, WireFormat format, PairKeyTrust trust) {
    @Override
    public String toString() {
        return "OpenedValue[" + format.label() + ", " + trust + ", value=<redacted>]";
    }
}
