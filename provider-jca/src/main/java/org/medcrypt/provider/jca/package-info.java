/**
 * medcrypt's {@link org.medcrypt.spi.CryptoProvider} on the Java Cryptography Architecture.
 *
 * <p>Three providers run the same code, each on its own {@link java.security.Provider} objects:
 * <ul>
 *   <li>{@link org.medcrypt.provider.jca.JcaCryptoProvider} ({@code "jca"}, priority 400): the
 *       JDK's own SunJCE, SunRsaSign, SUN and SunEC providers, always asked for by name so that a
 *       provider installed globally (Conscrypt, Bouncy Castle) does not silently take over;</li>
 *   <li>{@link org.medcrypt.provider.jca.AccpCryptoProvider} ({@code "accp"}, priority 350):
 *       Amazon Corretto Crypto Provider's provider object (AWS-LC), used directly and never
 *       installed;</li>
 *   <li>{@link org.medcrypt.provider.jca.ConscryptCryptoProvider} ({@code "conscrypt"}, priority
 *       300): Conscrypt's provider object, used directly and never installed with
 *       {@link java.security.Security#insertProviderAt}.</li>
 * </ul>
 */
package org.medcrypt.provider.jca;
