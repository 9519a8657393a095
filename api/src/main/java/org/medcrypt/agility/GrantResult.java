package org.medcrypt.agility;

import java.util.List;
import java.util.Objects;

/**
 * What {@link KeyRotation#grantKeyUpdates} did with the requests addressed to a party.
 *
 * @param granter the party that granted
 * @param granted the requests fulfilled, each with the pair keys now wrapped for the requester's new key
 * @param refused the requests left pending or cancelled, with the reason
 */
public record GrantResult(String granter, List<Granted> granted, List<Refused> refused) {

    /** A fulfilled request (now {@code completed}) and the pair keys re-wrapped for it. */
    public record Granted(KeyUpdateRequest request, List<PairKeyRef> rewrapped) {
        public Granted {
            Objects.requireNonNull(request, "request");
            rewrapped = List.copyOf(rewrapped);
        }
    }

    /** A request not fulfilled: left {@code pending}, or {@code cancelled} when superseded. */
    public record Refused(KeyUpdateRequest request, String reason) {
        public Refused {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(reason, "reason");
        }
    }

    public GrantResult {
        Objects.requireNonNull(granter, "granter");
        granted = List.copyOf(granted);
        refused = List.copyOf(refused);
    }
}
