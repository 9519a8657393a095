/**
 * medcrypt: iCure's delegation-based end-to-end encryption, written against the crypto SPI
 * only. Providers are found with {@link java.util.ServiceLoader}.
 */
module org.medcrypt {
    requires transitive org.medcrypt.spi;
    requires transitive com.fasterxml.jackson.databind;
    requires java.logging;

    exports org.medcrypt;
    exports org.medcrypt.model;
    exports org.medcrypt.keys;
    exports org.medcrypt.sharing;
    exports org.medcrypt.store;
    exports org.medcrypt.json;
    exports org.medcrypt.provider;
    exports org.medcrypt.agility;

    uses org.medcrypt.spi.CryptoProvider;
}
