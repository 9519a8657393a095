package org.medcrypt.sharing;

import org.medcrypt.internal.format.WireFormat;
import org.medcrypt.internal.keys.PairKeyTrust;

/**
 * A small key as a reader opened it: the value, the format it was written in, the party that wrote
 * it (the delegation's owner) and the trust in that owner's pair key.
 */
record OpenedValue(String value, WireFormat format, String owner, PairKeyTrust trust) {
    @Override
    public String toString() {
        return "OpenedValue[" + format.label() + ", from " + owner + ", " + trust + ", value=<redacted>]";
    }
}
