package org.medcrypt.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.medcrypt.NotFoundException;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.HealthcareParty;
import org.medcrypt.model.Patient;
import org.medcrypt.sharing.CascadeShareResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "share", description = {
            "Gives another party access to an entity and updates the dataset file.",
            "Creates the pair key of the two parties if missing (RSA-wrapped for both, signed with your Ed25519 "
                    + "signing key) and re-encrypts only the entity's small keys with it, each in the format (v1 or v2) "
                    + "it is written in. With --cascade (patients only), also every contact, form and health element of "
                    + "the patient that you can read.",
            "medcrypt shares only under a pair key you signed: an unsigned one (iCure's SDK makes them, and a store "
                    + "could plant one) is replaced by a new signed one, which needs your signing key in a --key file. "
                    + "--trust-unsigned-pair-keys reuses unsigned v1 pair keys instead (see its risk below).",
            "The file is replaced atomically (temporary file, then rename): after any error it is unchanged."})
final class ShareCommand implements Callable<Integer> {

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

    @Option(names = "--with", required = true, paramLabel = "DELEGATE", description = "Id of the party to share with.")
    String delegateId;

    @Option(names = "--entity", required = true, paramLabel = "EID", description = "Id of the entity to share.")
    String entityId;

    @Option(names = "--cascade", description = "Also share the patient's contacts, forms and health elements.")
    boolean cascade;

    @Override
    public Integer call() {
        PartySession session = PartySession.open(party, trust, provider.provider(), spec.commandLine().getErr());
        if (session.store().party(delegateId).isEmpty()) {
            throw new NotFoundException("healthcare party '" + delegateId + "' is not in dataset "
                    + session.file().path() + ": register it first with 'medcrypt add-party' (its public key is needed)");
        }
        EncryptableEntity<?> entity = session.entity(entityId);
        if (cascade && !(entity instanceof Patient)) {
            throw new UserInputException("--cascade shares a patient and its children, but " + PartySession.describe(entity)
                    + " is not a patient: leave out --cascade, or give a patient's id");
        }
        session.requireReadable(entity);
        HealthcareParty ownerBefore = session.store().party(session.me()).orElseThrow();

        List<EncryptableEntity<?>> shared;
        List<EncryptableEntity<?>> unchanged;
        List<String> skipped;
        if (cascade) {
            CascadeShareResult result = session.creatingPairKeys(
                    () -> session.service().shareWithCascade((Patient) entity, delegateId));
            shared = result.shared();
            unchanged = result.unchanged();
            skipped = result.skipped();
        } else {
            EncryptableEntity<?> after = session.creatingPairKeys(() -> shareOne(session, entity));
            shared = after.equals(entity) ? List.of() : List.of(after);
            unchanged = after.equals(entity) ? List.of(entity) : List.of();
            skipped = List.of();
        }
        HealthcareParty ownerAfter = session.store().party(session.me()).orElseThrow();
        boolean newPairKey = !ownerAfter.equals(ownerBefore);

        PrintWriter out = spec.commandLine().getOut();
        String pair = "{" + session.me() + "→" + delegateId + "}";
        if (shared.isEmpty() && !newPairKey) {
            out.println("nothing to do: '" + delegateId + "' can already read " + names(unchanged)
                    + "; " + session.file().path() + " is unchanged");
            return ExitCodes.OK;
        }
        session.file().write(session.store());
        if (newPairKey) {
            out.println("created pair key " + pair + ", RSA-wrapped for '" + session.me() + "' and '" + delegateId
                    + "', signed by '" + session.me() + "', stored in the document of '" + session.me() + "'");
            if (ownerBefore.signingKey().isEmpty() && ownerAfter.signingKey().isPresent()) {
                out.println("published the signing key of '" + session.me() + "' in its document (medcryptSigningKey "
                        + ownerAfter.signingKey().get() + "); others can pin it with --pin-signing-key "
                        + session.me() + "=" + ownerAfter.signingKey().get());
            }
        }
        out.println("shared with '" + delegateId + "': " + names(shared) + " (small keys re-encrypted with " + pair + ")");
        if (!unchanged.isEmpty()) {
            out.println("already shared: " + names(unchanged));
        }
        if (!skipped.isEmpty()) {
            out.println("skipped (not readable by '" + session.me() + "', so not shareable): " + String.join(", ", skipped));
        }
        out.println("updated " + session.file().path());
        session.noteTrust(spec.commandLine().getErr());
        return ExitCodes.OK;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private EncryptableEntity<?> shareOne(PartySession session, EncryptableEntity<?> entity) {
        return (EncryptableEntity<?>) session.service().shareWith((EncryptableEntity) entity, delegateId);
    }

    private static String names(List<EncryptableEntity<?>> entities) {
        return entities.isEmpty() ? "nothing"
                : entities.stream().map(PartySession::describe).collect(Collectors.joining(", "));
    }
}
