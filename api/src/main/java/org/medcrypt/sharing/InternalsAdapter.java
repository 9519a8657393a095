package org.medcrypt.sharing;

import java.util.ArrayList;
import java.util.List;
import org.medcrypt.internal.format.WireFormats;
import org.medcrypt.internal.keys.PairKeys;
import org.medcrypt.internal.sharing.ReadValue;
import org.medcrypt.internal.sharing.SharingInternals;
import org.medcrypt.model.Delegation;
import org.medcrypt.model.DelegationKind;
import org.medcrypt.model.EncryptableEntity;

/** A service's {@link SharingInternals}: its own pair keys, formats and reader, nothing more. */
final class InternalsAdapter implements SharingInternals {

    private final PairKeys pairKeys;
    private final WireFormats formats;
    private final ValueReader reader;
    private final String me;

    InternalsAdapter(String me, PairKeys pairKeys, WireFormats formats, ValueReader reader) {
        this.me = me;
        this.pairKeys = pairKeys;
        this.formats = formats;
        this.reader = reader;
    }

    @Override
    public PairKeys pairKeys() {
        return pairKeys;
    }

    @Override
    public WireFormats formats() {
        return formats;
    }

    @Override
    public List<ReadValue> read(EncryptableEntity<?> entity, DelegationKind kind) {
        List<OpenedValue> opened = reader.readQuietly(entity, kind);
        List<ReadValue> values = new ArrayList<>(opened.size());
        opened.forEach(value -> values.add(new ReadValue(value.value(), value.format(), value.owner())));
        return values;
    }

    @Override
    public boolean grantedByMe(EncryptableEntity<?> entity, DelegationKind kind, Delegation entry) {
        if (!entry.owner().equals(me)) {
            return false;
        }
        return reader.open(entity, kind, entry)
                .filter(value -> pairKeys.mayShareUnder(value.format(), value.pairKey()))
                .isPresent();
    }
}
