package org.medcrypt.audit.cbom;

import java.util.ArrayList;
import java.util.List;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.component.crypto.AlgorithmProperties;
import org.cyclonedx.model.component.crypto.CryptoProperties;
import org.cyclonedx.model.component.crypto.RelatedCryptoMaterialProperties;
import org.cyclonedx.model.component.crypto.enums.AssetType;
import org.cyclonedx.model.component.crypto.enums.CryptoFunction;
import org.cyclonedx.model.component.crypto.enums.Mode;
import org.cyclonedx.model.component.crypto.enums.Padding;
import org.cyclonedx.model.component.crypto.enums.Primitive;
import org.cyclonedx.model.component.crypto.enums.RelatedCryptoMaterialType;
import org.cyclonedx.model.component.crypto.enums.State;

/** Builds {@code cryptographic-asset} components: one place for the CycloneDX crypto vocabulary. */
final class CryptoAssets {

    /** The prefix of medcrypt's own component properties (CycloneDX property taxonomy: a namespace per tool). */
    static final String PROPERTY_PREFIX = "medcrypt:";

    private CryptoAssets() {
    }

    /**
     * An algorithm asset.
     *
     * @param quantumLevel NIST's post-quantum security category (0 for a quantum-vulnerable one)
     */
    static Component algorithm(String bomRef, String name, Primitive primitive, String parameterSet, Mode mode,
            Padding padding, String curve, List<CryptoFunction> functions, Integer classicalBits, Integer quantumLevel) {
        AlgorithmProperties algorithm = new AlgorithmProperties();
        algorithm.setPrimitive(primitive);
        algorithm.setParameterSetIdentifier(parameterSet);
        algorithm.setMode(mode);
        algorithm.setPadding(padding);
        algorithm.setCurve(curve);
        algorithm.setCryptoFunctions(new ArrayList<>(functions));
        algorithm.setClassicalSecurityLevel(classicalBits);
        algorithm.setNistQuantumSecurityLevel(quantumLevel);
        CryptoProperties crypto = new CryptoProperties();
        crypto.setAssetType(AssetType.ALGORITHM);
        crypto.setAlgorithmProperties(algorithm);
        return component(bomRef, name, crypto);
    }

    /** A key (or other related material) asset. */
    static Component material(String bomRef, String name, RelatedCryptoMaterialType type, String id, Integer size,
            String algorithmRef, State state) {
        RelatedCryptoMaterialProperties material = new RelatedCryptoMaterialProperties();
        material.setType(type);
        material.setId(id);
        material.setSize(size);
        material.setAlgorithmRef(algorithmRef);
        material.setState(state);
        CryptoProperties crypto = new CryptoProperties();
        crypto.setAssetType(AssetType.RELATED_CRYPTO_MATERIAL);
        crypto.setRelatedCryptoMaterialProperties(material);
        return component(bomRef, name, crypto);
    }

    static Component component(String bomRef, String name, CryptoProperties crypto) {
        Component component = new Component();
        component.setType(Component.Type.CRYPTOGRAPHIC_ASSET);
        component.setBomRef(bomRef);
        component.setName(name);
        component.setCryptoProperties(crypto);
        return component;
    }

    static void property(Component component, String name, Object value) {
        component.addProperty(new Property(PROPERTY_PREFIX + name, String.valueOf(value)));
    }
}
