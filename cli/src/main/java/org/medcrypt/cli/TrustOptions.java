package org.medcrypt.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.medcrypt.sharing.DelegationService;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --trust-unsigned-pair-keys} and {@code --pin-signing-key ID=HEX}: what the commands that
 * build a {@link DelegationService} decide about pair keys they cannot check with their own keys.
 */
final class TrustOptions {

    @Option(names = "--trust-unsigned-pair-keys",
            description = "Share (and create) under v1 pair keys that carry no signature, as iCure's SDK makes them, "
                    + "instead of creating new signed ones. RISK: whoever can write the dataset (the store) can plant "
                    + "such a key, wrapped with public keys only, and then read everything shared under it. Use it only "
                    + "for pair keys you know iCure's SDK made. Reading is not affected.")
    boolean trustUnsignedPairKeys;

    @Option(names = "--pin-signing-key", paramLabel = "ID=HEX", converter = {PartyIdConverter.class, SigningKeyConverter.class},
            description = "Check the pair-key signatures of party ID with this Ed25519 public key (64 hex digits, "
                    + "as 'medcrypt keygen' prints it, obtained from ID out of band) instead of the one ID's document "
                    + "in the dataset publishes, which the store could replace. Repeatable.")
    Map<String, String> pinnedSigningKeys = new LinkedHashMap<>();

    @Option(names = "--require-pinned-signing-keys",
            description = "Strict mode: read only under pair keys signed by this party or checked with a pinned key "
                    + "(unsigned v1 pair keys and keys checked only with a signing key the dataset publishes are refused), "
                    + "and share only with parties whose signing key is pinned. Without it, a store that invents a party "
                    + "can add data that reads as that party's.")
    boolean requirePinnedSigningKeys;

    DelegationService.Builder applyTo(DelegationService.Builder builder) {
        builder.trustUnsignedPairKeys(trustUnsignedPairKeys);
        builder.requirePinnedSigningKeys(requirePinnedSigningKeys);
        pinnedSigningKeys.forEach(builder::pinSigningKey);
        return builder;
    }

    /** A party id: not blank. */
    static final class PartyIdConverter implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (value.isBlank()) {
                throw new TypeConversionException("the party id before '=' is empty: give ID=HEX");
            }
            return value.strip();
        }
    }

    /** An Ed25519 public key: 64 hex digits, kept lower-case. */
    static final class SigningKeyConverter implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            String hex = value.strip().toLowerCase(Locale.ROOT);
            if (!hex.matches("[0-9a-f]{64}")) {
                throw new TypeConversionException("a signing key is an Ed25519 public key: 64 hex digits, "
                        + "as 'medcrypt keygen' prints it (got " + value.length() + " characters)");
            }
            return hex;
        }
    }
}
