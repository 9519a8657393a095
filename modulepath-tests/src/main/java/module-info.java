/**
 * The module the tests of this project are patched into: a consumer module. It requires the
 * three provider modules only so that surefire puts them on the module path (a consumer's own
 * module needs none of them: {@code org.medcrypt}'s {@code uses} binds whatever provider is on
 * the module path, as examples/consumer shows). {@code jdk.compiler} reads the sources'
 * doc comments, {@code java.xml} the poms.
 */
open module org.medcrypt.modulepath {
    requires org.medcrypt;
    requires org.medcrypt.provider.jca;
    requires org.medcrypt.provider.bouncycastle;
    requires org.medcrypt.provider.tink;
    requires jdk.compiler;
    requires java.xml;
}
