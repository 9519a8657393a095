package org.medcrypt.audit.cbom;

import static org.medcrypt.audit.cbom.CryptoAssets.algorithm;
import static org.medcrypt.audit.cbom.CryptoAssets.property;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Dependency;
import org.cyclonedx.model.component.crypto.enums.CryptoFunction;
import org.cyclonedx.model.component.crypto.enums.Mode;
import org.cyclonedx.model.component.crypto.enums.Padding;
import org.cyclonedx.model.component.crypto.enums.Primitive;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.PrimitiveInfo;
import org.medcrypt.spi.Suite;

/**
 * What each crypto provider implements, from {@link CryptoProvider#primitives()}, as a CycloneDX
 * 1.6 CBOM: one {@code library} component per provider (its library and version, suites,
 * availability) and, nested in it, one {@code cryptographic-asset} algorithm component per
 * primitive, naming the code that implements it and whether that code is the provider's own
 * library or one it delegates to. A provider that is unavailable here is listed with the reason;
 * its primitives are not asked for (its native code may not load).
 */
public final class ProviderCbom {

    private ProviderCbom() {
    }

    public static Bom of(List<CryptoProvider> providers) {
        Objects.requireNonNull(providers, "providers");
        Bom bom = AuditCbom.Cbom.newBom("medcrypt crypto providers", Component.Type.APPLICATION);
        for (CryptoProvider provider : providers) {
            Component library = new Component();
            library.setType(Component.Type.LIBRARY);
            library.setBomRef("provider/" + provider.id());
            library.setName(provider.id());
            library.setVersion(provider.version());
            library.setDescription(provider.library());
            property(library, "priority", provider.priority());
            property(library, "suites", provider.suites().stream().sorted().map(Suite::name).collect(Collectors.joining(",")));
            boolean available = provider.availability().isAvailable();
            property(library, "available", available);
            if (!available) {
                property(library, "unavailableBecause", provider.availability().reason());
            }
            Dependency provides = new Dependency(library.getBomRef());
            if (available) {
                for (PrimitiveInfo info : provider.primitives()) {
                    Component asset = asset("provider/" + provider.id() + "/" + AuditCbom.Cbom.lower(info.primitive().name()),
                            info);
                    property(asset, "implementation", info.implementation());
                    property(asset, "nativeToLibrary", info.nativeToLibrary());
                    library.addComponent(asset);
                    provides.addDependency(new Dependency(asset.getBomRef()));
                }
            }
            bom.addComponent(library);
            bom.addDependency(provides);
        }
        return bom;
    }

    /** The CBOM as CycloneDX 1.6 JSON. */
    public static String toJson(List<CryptoProvider> providers) {
        return AuditCbom.Cbom.toJson(of(providers));
    }

    private static Component asset(String bomRef, PrimitiveInfo info) {
        List<CryptoFunction> encryptDecrypt = List.of(CryptoFunction.ENCRYPT, CryptoFunction.DECRYPT);
        return switch (info.primitive()) {
            case SECURE_RANDOM -> algorithm(bomRef, "secure random", Primitive.DRBG, null, null, null, null,
                    List.of(CryptoFunction.GENERATE), null, null);
            case AES_KEY_GENERATION -> algorithm(bomRef, "AES key generation", Primitive.BLOCK_CIPHER, "128,192,256", null,
                    null, null, List.of(CryptoFunction.KEYGEN), null, null);
            case AES_CBC_PKCS7 -> algorithm(bomRef, "AES-CBC", Primitive.BLOCK_CIPHER, "128,192,256", Mode.CBC,
                    Padding.PKCS7, null, encryptDecrypt, 128, 1);
            case AES_GCM -> algorithm(bomRef, "AES-GCM", Primitive.AE, "128,192,256", Mode.GCM, null, null,
                    List.of(CryptoFunction.ENCRYPT, CryptoFunction.DECRYPT, CryptoFunction.TAG), 128, 1);
            case RSA_KEY_GENERATION -> algorithm(bomRef, "RSA key generation", Primitive.PKE, "2048,3072,4096", null, null,
                    null, List.of(CryptoFunction.KEYGEN), 112, 0);
            case RSA_KEY_ENCODING -> algorithm(bomRef, "RSA key encoding (SPKI, PKCS#8)", Primitive.PKE, null, null, null,
                    null, List.of(CryptoFunction.OTHER), null, null);
            case RSA_OAEP -> algorithm(bomRef, "RSA-OAEP", Primitive.PKE, "2048-8192", null, Padding.OAEP, null,
                    encryptDecrypt, 112, 0);
            case ED25519 -> algorithm(bomRef, "Ed25519", Primitive.SIGNATURE, "255", null, null, "Ed25519",
                    List.of(CryptoFunction.KEYGEN, CryptoFunction.SIGN, CryptoFunction.VERIFY), 128, 0);
            case HKDF_SHA256 -> algorithm(bomRef, "HKDF-SHA-256", Primitive.KDF, "256", null, null, null,
                    List.of(CryptoFunction.KEYDERIVE), 256, null);
            default -> algorithm(bomRef, AuditCbom.Cbom.lower(info.primitive().name()), Primitive.OTHER, null, null, null,
                    null, List.of(CryptoFunction.OTHER), null, null);
        };
    }
}
