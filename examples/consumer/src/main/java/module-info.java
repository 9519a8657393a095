/**
 * The consumer's own module. It requires medcrypt's API only: the provider on the module path is
 * bound through the API's {@code uses org.medcrypt.spi.CryptoProvider} (service binding), the way
 * a consumer swaps providers without touching code.
 */
module org.medcrypt.example.consumer {
    requires org.medcrypt;
}
