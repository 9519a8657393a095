package org.medcrypt.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.medcrypt.agility.GrantResult;
import org.medcrypt.agility.KeyRotation;
import org.medcrypt.agility.PairKeyRef;
import org.medcrypt.model.HealthcareParty;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "grant-key-update", description = {
            "Fulfils the key-update requests (iCure's KEY_PAIR_UPDATE) that parties who rotated their keys addressed "
                    + "to you: each pair key you own with such a party gets a copy wrapped for its new publicKey "
                    + "(re-signed by you when you signed the key), and the request is marked completed.",
            "Only a pair key whose proof the request carries is re-wrapped (only a holder of the key can make the "
                    + "proof), and only for a new key signed by the party's signing key — the pinned one, followed "
                    + "through its rotations, with --pin-signing-key, else the published one. A request naming a key "
                    + "that is no longer the party's publicKey is cancelled.",
            "The file is replaced atomically: after any error it is unchanged."})
final class GrantKeyUpdateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Mixin
    PartyOptions party;

    @Mixin
    TrustOptions trust;

    @Mixin
    ProviderOption provider;

    @Override
    public Integer call() {
        PartySession session = PartySession.open(party, trust, provider.provider(), spec.commandLine().getErr());
        List<HealthcareParty> before = session.store().scanParties().toList(); // the file's parties, in memory
        GrantResult result;
        try {
            result = KeyRotation.of(provider.provider(), session.store()).grantKeyUpdates(session.keys(), trust.pinnedSigningKeys);
        } finally {
            session.keys().destroy();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (result.granted().isEmpty() && result.refused().isEmpty()) {
            out.println("nothing to do: no key-update request is pending for '" + session.me() + "'; "
                    + session.file().path() + " is unchanged");
            return ExitCodes.OK;
        }
        boolean changed = !session.store().scanParties().toList().equals(before);
        if (changed) {
            session.file().write(session.store());
        }
        for (GrantResult.Granted granted : result.granted()) {
            out.println("granted '" + granted.request().requester() + "' (request " + granted.request().id()
                    + "): " + granted.rewrapped().stream().map(PairKeyRef::toString).collect(Collectors.joining(", "))
                    + " now wrapped for its new key");
        }
        for (GrantResult.Refused refused : result.refused()) {
            spec.commandLine().getErr().println("medcrypt: note: request " + refused.request().id() + " from '"
                    + refused.request().requester() + "' not granted: " + refused.reason());
        }
        out.println(changed ? "updated " + session.file().path() : session.file().path() + " is unchanged");
        return ExitCodes.OK;
    }
}
