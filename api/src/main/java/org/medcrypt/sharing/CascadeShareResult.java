package org.medcrypt.sharing;

import java.util.List;
import java.util.Objects;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.Patient;

/**
 * What {@link DelegationService#shareWithCascade} did.
 *
 * @param patient the patient as saved
 * @param shared every entity whose delegations changed (the patient included when it changed)
 * @param unchanged entities the delegate could already read
 * @param skipped children found by secret foreign key that the sharing party cannot read itself,
 *     and therefore cannot share (their ids)
 */
public record CascadeShareResult(Patient patient, List<EncryptableEntity<?>> shared,
        List<EncryptableEntity<?>> unchanged, List<String> skipped) {
    public CascadeShareResult {
        Objects.requireNonNull(patient, "patient");
        shared = List.copyOf(shared);
        unchanged = List.copyOf(unchanged);
        skipped = List.copyOf(skipped);
    }
}
