/** The medcrypt crypto provider interface: what a crypto library implements to serve medcrypt. */
module org.medcrypt.spi {
    exports org.medcrypt.spi;
}
