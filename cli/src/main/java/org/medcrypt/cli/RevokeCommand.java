package org.medcrypt.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.medcrypt.NotFoundException;
import org.medcrypt.agility.Revocation;
import org.medcrypt.agility.RevocationResult;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.Patient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "revoke", description = {
            "Takes a delegate's access to an entity away for everything written from now on, and updates the dataset "
                    + "file atomically (after any error it is unchanged).",
            "Removes every entry for the delegate (and every entry it wrote) and re-keys the entity: a new content key, "
                    + "encryptedSelf re-encrypted, a new secret id (children's secretForeignKeys follow), and new entries "
                    + "written by you for every remaining delegate, in the format each had. Delegates that had access "
                    + "only through the revoked one are removed with it (listed). Every remaining delegate must have "
                    + "been given access by you (under a pair key you signed, or an unsigned v1 one with "
                    + "--trust-unsigned-pair-keys), and the content key must be yours: else access denied (exit 4), "
                    + "naming who granted them. With --cascade (patients only), also every contact, form and health "
                    + "element of the patient that you can read; children you cannot read keep the old secret id.",
            "It cannot take back what the delegate already read or copied, nor old revisions or backups of the document "
                    + "that a store keeps (they open with the old keys)."})
final class RevokeCommand implements Callable<Integer> {

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

    @Option(names = "--entity", required = true, paramLabel = "EID", description = "Id of the entity.")
    String entityId;

    @Option(names = "--from", required = true, paramLabel = "DELEGATE", description = "Id of the party to revoke.")
    String delegateId;

    @Option(names = "--cascade", description = "Also revoke the delegate from the patient's contacts, forms and health elements.")
    boolean cascade;

    @Override
    public Integer call() {
        PartySession session = PartySession.open(party, trust, provider.provider(), spec.commandLine().getErr());
        if (delegateId.equals(session.me())) {
            throw new UserInputException("--from " + delegateId + " is you (--as): you cannot revoke your own access; "
                    + "another party that can read the entity can");
        }
        if (session.store().party(delegateId).isEmpty()) {
            throw new NotFoundException("healthcare party '" + delegateId + "' is not in dataset " + session.file().path()
                    + ": check --from");
        }
        EncryptableEntity<?> entity = session.entity(entityId);
        if (cascade && !(entity instanceof Patient)) {
            throw new UserInputException("--cascade revokes a patient and its children, but " + PartySession.describe(entity)
                    + " is not a patient: leave out --cascade, or give a patient's id");
        }
        session.requireReadable(entity);
        Revocation revocation = Revocation.by(session.service());
        RevocationResult result = session.creatingPairKeys(() -> cascade
                ? revocation.revokeWithCascade((Patient) entity, delegateId)
                : revocation.revoke(entity, delegateId));
        if (result.written()) {
            session.file().write(session.store());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (result.rekeyed().isEmpty()) {
            out.println("nothing to do: '" + delegateId + "' has no entry in " + Listing.of(result.notShared()) + "; "
                    + session.file().path() + " is unchanged");
        } else {
            out.println("revoked '" + delegateId + "' from " + Listing.of(result.rekeyed()) + ": its entries removed; new "
                    + "content key, encryptedSelf re-encrypted, new secret id, entries re-written by '" + session.me()
                    + "' for every remaining delegate");
            result.alsoRemoved().forEach((party, grantor) -> out.println("also removed: '" + party
                    + "' (access granted only by '" + grantor + "')"));
            out.println("remaining delegates: " + String.join(", ", result.remaining().stream().map(p -> "'" + p + "'").toList()));
            if (!result.notShared().isEmpty()) {
                out.println("'" + delegateId + "' had no entry in: " + Listing.of(result.notShared()));
            }
            if (!result.relinked().isEmpty()) {
                out.println("gave the new secret id (secretForeignKeys) to: " + Listing.of(result.relinked()));
            }
        }
        result.skipped().forEach(skipped -> out.println("not revoked: " + skipped));
        if (result.written()) {
            out.println("updated " + session.file().path());
            out.println("note: this protects what is written from now on. '" + delegateId + "' keeps what it already read "
                    + "or copied, and old copies of the document (store revisions, backups) still open with the old keys");
        }
        session.noteTrust(spec.commandLine().getErr());
        return ExitCodes.OK;
    }
}
