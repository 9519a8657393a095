package org.medcrypt.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.medcrypt.json.MedcryptJson;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.EntityType;
import org.medcrypt.sharing.DecryptedEntity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "decrypt", description = {
            "Prints the entities the party can read, decrypted (the fields of encryptedSelf merged in), as JSON: "
                    + "{\"patients\": [...], \"contacts\": [...], \"forms\": [...], \"healthElements\": [...], "
                    + "\"encryption\": [...]}.",
            "\"encryption\" says how each entity was read: {\"type\", \"id\", \"suite\" (V1_ICURE, V2_GCM_OAEP256, or null "
                    + "without encryptedSelf), \"unsignedPairKey\", \"contentKeyFrom\" (the party that wrote the content key), "
                    + "\"provenance\" (own, pinned, published or unsigned: how its pair key was vouched for)}. unsignedPairKey true means its keys came under a v1 pair "
                    + "key without its owner's signature (as iCure's SDK makes them, or as a store could plant one): such data "
                    + "is only as authentic as the store is honest. Those entities are also named in a note on stderr.",
            "Without --id: every entity shared with the party; entities not shared with it are left out. An entity "
                    + "addressed to the party that does not open (modified data, or keys not given) is left out and named "
                    + "on stderr: exit 8, or 5 if nothing addressed to the party could be read.",
            "With --id: those entities; one the party cannot read is an error (exit 4, or 5 if it does not open)."})
final class DecryptCommand implements Callable<Integer> {

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

    @Option(names = "--id", paramLabel = "ENTITY_ID", description = "Only this entity; repeatable.")
    List<String> ids;

    @Override
    public Integer call() {
        PartySession session = PartySession.open(party, trust, provider.provider(), spec.commandLine().getErr());
        List<DecryptedEntity<?>> read = new ArrayList<>();
        SkippedEntities skipped = new SkippedEntities(session);
        if (ids == null || ids.isEmpty()) {
            for (EntityType type : EntityType.values()) {
                for (EncryptableEntity<?> entity : session.store().scanEntities(type).toList()) { // the file's documents, in memory
                    skipped.read(entity).ifPresent(read::add);
                }
            }
        } else {
            for (String id : ids) {
                EncryptableEntity<?> entity = session.entity(id);
                session.requireReadable(entity);
                read.add(session.decrypted(entity));
            }
        }
        if (read.isEmpty() && skipped.any()) {
            skipped.report(spec.commandLine().getErr());
            return skipped.exitCode(false);
        }
        ObjectNode result = PartySession.emptyResult();
        ArrayNode encryption = result.putArray("encryption");
        for (DecryptedEntity<?> entity : read) {
            PartySession.add(result, entity.encrypted().type(), entity.toJson());
            encryption.add(PartySession.readInfo(entity));
        }
        spec.commandLine().getOut().println(MedcryptJson.toPrettyString(result));
        PartySession.noteUnsigned(read, spec.commandLine().getErr());
        skipped.report(spec.commandLine().getErr());
        return skipped.exitCode(true);
    }
}
