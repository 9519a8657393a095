package org.medcrypt;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The layering the build promises, checked on the compiled classes. */
class ArchitectureTest {

    private static final JavaClasses API = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.medcrypt");

    @Test
    void theApiUsesNoCryptoLibraryAndNoProvider() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "org.bouncycastle..", "com.google.crypto.tink..", "org.conscrypt..", "com.amazon.corretto..",
                        "org.medcrypt.provider.jca..", "org.medcrypt.provider.bouncycastle..",
                        "org.medcrypt.provider.tink..", "javax.crypto..")
                .check(API);
    }

    @Test
    void theModelKnowsNothingOfKeysOrSharing() {
        noClasses().that().resideInAPackage("org.medcrypt.model..")
                .should().dependOnClassesThat().resideInAnyPackage("org.medcrypt.keys..", "org.medcrypt.sharing..",
                        "org.medcrypt.store..", "org.medcrypt.spi..")
                .check(API);
    }

    /** agility (audit, migration, rotation, revocation) is the one layer above sharing. */
    @Test
    void nothingButSharingAndAgilityDependsOnSharing() {
        noClasses().that().resideOutsideOfPackages("org.medcrypt.sharing..", "org.medcrypt.agility..")
                .should().dependOnClassesThat().resideInAPackage("org.medcrypt.sharing..")
                .check(API);
    }
}
