package org.medcrypt.cli;

import java.util.concurrent.Callable;
import org.medcrypt.NotFoundException;
import org.medcrypt.json.MedcryptJson;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.EntityType;
import org.medcrypt.model.Patient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "patient-of", description = "Prints the patient of a contact, decrypted, as JSON. The patient's id is found by decrypting "
                + "the contact's cryptedForeignKeys.")
final class PatientOfCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help;

    @Mixin
    PartyOptions party;

    @Mixin
    ProviderOption provider;

    @Option(names = "--contact", required = true, paramLabel = "CID", description = "Id of the contact.")
    String contactId;

    @Override
    public Integer call() {
        PartySession session = PartySession.open(party, provider.provider(), spec.commandLine().getErr());
        EncryptableEntity<?> contact = session.entity(EntityType.CONTACT, contactId, "--contact");
        session.requireReadable(contact);
        Patient patient = session.service().patientOf(contact).orElseThrow(() -> new NotFoundException(
                "the patient of contact '" + contactId + "' (" + String.join(", ", session.service().parentIds(contact))
                        + ") is not in dataset " + session.file().path()));
        session.requireReadable(patient);
        spec.commandLine().getOut().println(MedcryptJson.toPrettyString(session.decrypted(patient)));
        return ExitCodes.OK;
    }
}
