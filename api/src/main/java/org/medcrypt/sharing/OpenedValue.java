package org.medcrypt.sharing;

import org.medcrypt.internal.format.WireFormat;
import org.medcrypt.internal.keys.PairKeyId;
import org.medcrypt.internal.keys.PairKeyTrust;

/**
 * A small key as a reader opened it: the value, the format it was written in, the party that wrote
 * it (the delegation's owner), the trust in that owner's pair key and that pair key's id.
 */
record OpenedValue(String value, WireFormat format, String owner, PairKeyTrust trust, PairKeyId pairKey) {
    @Override
    public String toString() {
        return "OpenedValue[" + format.label() + ", from " + owner + ", " + trust + ", value=<redacted>]";
    }
}
