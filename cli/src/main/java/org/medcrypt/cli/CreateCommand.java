package org.medcrypt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.medcrypt.FormatException;
import org.medcrypt.json.MedcryptJson;
import org.medcrypt.model.DelegationKind;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.EntityType;
import org.medcrypt.model.HealthcareParty;
import org.medcrypt.model.Patient;
import org.medcrypt.spi.CryptoProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "create", description = {
            "Adds a patient, or a contact, form or health element of a patient, to the dataset file, encrypted for "
                    + "the party given with --as only (share it afterwards with 'medcrypt share'), and prints its id.",
            "--json is the clear document, inline or as a file; its configured fields (note, descr…) go into "
                    + "encryptedSelf. An \"id\" in it is kept (it must be new in the dataset), else a random UUID is "
                    + "assigned. medcrypt writes delegations, encryptionKeys, cryptedForeignKeys, secretForeignKeys and "
                    + "encryptedSelf itself: a document that has them is refused.",
            "Written in v2 by default (--suite v1 for data iCure's SDK must read). A first entity may need a new pair "
                    + "key {ID→ID}, signed: give the party's signing key in a --key file.",
            "The file is replaced atomically (temporary file, then rename): after any error it is unchanged."})
final class CreateCommand implements Callable<Integer> {

    private static final List<String> TYPES = List.of("patient", "contact", "form", "healthElement");
    private static final Pattern LOCATION = Pattern.compile("\\(line \\d+, column \\d+\\)");

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

    @Mixin
    SuiteOption suiteOption;

    @Option(names = "--type", required = true, paramLabel = "TYPE",
            description = "patient, contact, form or healthElement.")
    String typeName;

    @Option(names = "--json", required = true, paramLabel = "JSON_OR_FILE",
            description = "The clear document: a JSON object, or a file holding one.")
    String json;

    @Option(names = "--parent", paramLabel = "PID",
            description = "Id of the patient, for a contact, form or health element (required for those, refused for a patient).")
    String parentId;

    @Override
    public Integer call() {
        EntityType type = type();
        if (type.isChild() && parentId == null) {
            throw new ParameterException(spec.commandLine(), "a " + typeName + " belongs to a patient: give --parent PID");
        }
        if (!type.isChild() && parentId != null) {
            throw new ParameterException(spec.commandLine(), "a patient has no parent: leave out --parent");
        }
        ObjectNode document = document();
        CryptoProvider crypto = provider.provider();
        PartySession session = PartySession.open(party, trust, crypto, spec.commandLine().getErr());
        String id = id(document, crypto, session);
        document.put("id", id);
        Patient parent = null;
        if (type.isChild()) {
            parent = (Patient) session.entity(EntityType.PATIENT, parentId, "--parent");
            session.requireReadable(parent);
        }
        HealthcareParty ownerBefore = session.store().party(session.me()).orElseThrow();

        Patient patient = parent;
        EncryptableEntity<?> created = session.creatingPairKeys(() -> patient == null
                ? session.service().createPatient(document, suiteOption.suite)
                : session.service().createChild(type, document, patient, suiteOption.suite));
        session.file().write(session.store());

        HealthcareParty ownerAfter = session.store().party(session.me()).orElseThrow();
        spec.commandLine().getOut().println(created.id());
        spec.commandLine().getErr().println("medcrypt: created " + PartySession.describe(created)
                + (patient == null ? "" : " of patient '" + patient.id() + "'") + " in format "
                + SuiteOption.label(suiteOption.suite) + ", readable by '" + session.me() + "' only (share it with "
                + "'medcrypt share')" + (ownerAfter.equals(ownerBefore) ? "" : "; created pair key {" + session.me()
                + "→" + session.me() + "}, signed by '" + session.me() + "'") + "; updated " + session.file().path());
        session.noteTrust(spec.commandLine().getErr());
        return ExitCodes.OK;
    }

    private EntityType type() {
        return switch (typeName.strip()) {
            case "patient" -> EntityType.PATIENT;
            case "contact" -> EntityType.CONTACT;
            case "form" -> EntityType.FORM;
            case "healthElement" -> EntityType.HEALTH_ELEMENT;
            default -> throw new ParameterException(spec.commandLine(), "--type must be one of " + String.join(", ", TYPES)
                    + ", not '" + typeName + "'");
        };
    }

    /** The clear document: {@code --json} inline, or the file it names. */
    private ObjectNode document() {
        String text = json.strip();
        if (text.startsWith("{") || text.startsWith("[")) {
            return clear(parse(text.getBytes(StandardCharsets.UTF_8), "--json"));
        }
        Path file;
        try {
            file = Path.of(text);
        } catch (InvalidPathException e) {
            throw new UserInputException("--json is neither a JSON object nor the name of a file: give {...} or a file holding it");
        }
        byte[] bytes = KeyFiles.readBytes(file, "JSON file", "--json takes a JSON object, or a file holding one",
                org.medcrypt.json.JsonLimits.MAX_DOCUMENT_BYTES);
        return clear(parse(bytes, "JSON file " + file));
    }

    /**
     * The document, or an error that says where the JSON is wrong but quotes none of it: the
     * input is health data in clear.
     */
    private static ObjectNode parse(byte[] json, String what) {
        if (json.length > org.medcrypt.json.JsonLimits.MAX_DOCUMENT_BYTES) {
            throw new FormatException(String.format(java.util.Locale.ROOT, "%s is larger than %,d bytes (limit "
                    + "JsonLimits.MAX_DOCUMENT_BYTES)", what, org.medcrypt.json.JsonLimits.MAX_DOCUMENT_BYTES));
        }
        try {
            return MedcryptJson.parseObject(json, what);
        } catch (FormatException e) {
            if (String.valueOf(e.getMessage()).contains("over a limit")) {
                throw e; // names the limit, quotes nothing
            }
            Matcher where = LOCATION.matcher(String.valueOf(e.getMessage()));
            throw new FormatException(e.getMessage() != null && e.getMessage().endsWith("must be a JSON object")
                    ? what + " must be a JSON object {...}"
                    : what + " is not valid JSON" + (where.find() ? " " + where.group() : ""));
        }
    }

    /** Refuses the fields medcrypt writes itself, so that none is silently dropped or taken as a key. */
    private static ObjectNode clear(ObjectNode document) {
        for (DelegationKind kind : DelegationKind.values()) {
            refuse(document, kind.jsonName());
        }
        refuse(document, "secretForeignKeys");
        refuse(document, "encryptedSelf");
        return document;
    }

    private static void refuse(ObjectNode document, String field) {
        if (document.has(field)) {
            throw new UserInputException("--json has \"" + field + "\", which medcrypt writes itself: give the clear "
                    + "document without it");
        }
    }

    /** The document's own id, checked to be new, or a random UUID from the provider's random source. */
    private String id(ObjectNode document, CryptoProvider crypto, PartySession session) {
        JsonNode given = document.get("id");
        if (given == null || given.isNull()) {
            byte[] bytes = crypto.random().bytes(16);
            bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40); // version 4
            bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80); // IETF variant
            long most = 0;
            long least = 0;
            for (int i = 0; i < 8; i++) {
                most = (most << 8) | (bytes[i] & 0xff);
                least = (least << 8) | (bytes[8 + i] & 0xff);
            }
            return new UUID(most, least).toString();
        }
        if (!given.isTextual() || given.asText().isBlank()) {
            throw new UserInputException("the \"id\" in --json must be a non-blank string (or leave it out for a random UUID)");
        }
        String id = given.asText();
        for (EntityType other : EntityType.values()) {
            if (session.store().entity(other, id).isPresent()) {
                throw new UserInputException("id '" + id + "' is already used by " + PartySession.describe(other)
                        + " '" + id + "' in dataset " + session.file().path() + ": choose another id, or leave out \"id\"");
            }
        }
        return id;
    }
}
