package org.medcrypt.internal.keys;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.medcrypt.internal.format.PairKeySignatures;
import org.medcrypt.model.HealthcareParty;
import org.medcrypt.model.SigningKeyRotation;

/**
 * The signing keys a reader who trusts one key of a party (a pin) accepts for that party: the key
 * itself and every key it endorsed through the party's {@code medcryptSigningKeyRotations}, step
 * by step (old endorses new). A store cannot extend the chain without the private half of a key
 * already in it; whoever holds such a key can, which is no more than that key could already sign.
 */
public final class SigningKeyChain {

    /** Checks one Ed25519 signature; false for a malformed key or signature. */
    @FunctionalInterface
    public interface Verifier {
        boolean verify(String signerHex, byte[] message, byte[] signature);
    }

    private SigningKeyChain() {
    }

    /**
     * {@code trusted} first, then each key a key already in the list endorsed, in the order found;
     * lower-case hex.
     */
    public static List<String> from(String trusted, HealthcareParty party, Verifier verifier) {
        List<String> accepted = new ArrayList<>();
        accepted.add(trusted.toLowerCase(Locale.ROOT));
        List<SigningKeyRotation> rotations = party.signingKeyRotations();
        boolean grew = !rotations.isEmpty();
        while (grew) {
            grew = false;
            for (SigningKeyRotation rotation : rotations) {
                String previous = rotation.previous().toLowerCase(Locale.ROOT);
                String next = rotation.next().toLowerCase(Locale.ROOT);
                if (!accepted.contains(previous) || accepted.contains(next)) {
                    continue;
                }
                Optional<byte[]> signature = PairKeySignatures.decodeSigningKeyRotation(rotation.signature());
                if (signature.isPresent() && verifier.verify(previous,
                        PairKeySignatures.signingKeyRotationMessage(party.id(), previous, next), signature.get())) {
                    accepted.add(next);
                    grew = true;
                }
            }
        }
        return List.copyOf(accepted);
    }
}
