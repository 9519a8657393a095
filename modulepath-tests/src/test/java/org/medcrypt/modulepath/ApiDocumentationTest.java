package org.medcrypt.modulepath;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExportsTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.ModuleTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePathScanner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every public or protected type, constructor, method, field and enum constant of the packages
 * that {@code spi} and {@code api} export has a Javadoc comment. (The javadoc build runs doclint
 * without its "missing" group, which would also demand {@code @param} and {@code @return} on every
 * method; this test is the "missing comment" half of it.) Exports are read from module-info, so a
 * newly exported package is checked too. {@code @Override} methods inherit their comment.
 */
class ApiDocumentationTest {

    @ParameterizedTest
    @ValueSource(strings = {"../spi/src/main/java", "../api/src/main/java"})
    void everyExportedTypeAndMemberHasAComment(String sourceRoot) throws IOException {
        Path root = Path.of(sourceRoot);
        List<String> undocumented = undocumented(root);
        assertThat(undocumented).as("public elements without a Javadoc comment in " + root).isEmpty();
    }

    private static List<String> undocumented(Path root) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, null);
                Stream<Path> walk = Files.walk(root)) {
            List<Path> sources = walk.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList());
            assertThat(sources).as("sources under " + root).isNotEmpty();
            Iterable<? extends JavaFileObject> units = files.getJavaFileObjectsFromPaths(sources);
            // parse only: no symbols are needed to see doc comments
            JavacTask task = (JavacTask) compiler.getTask(null, files, null, List.of("-proc:none"), null, units);
            List<CompilationUnitTree> parsed = new ArrayList<>();
            task.parse().forEach(parsed::add);
            DocTrees docs = DocTrees.instance(task);
            Set<String> exported = exportedPackages(parsed);
            assertThat(exported).as("exports of module-info under " + root).isNotEmpty();

            List<String> missing = new ArrayList<>();
            for (CompilationUnitTree unit : parsed) {
                if (unit.getPackage() == null || !exported.contains(unit.getPackageName().toString())) {
                    continue;
                }
                new TreePathScanner<Void, Void>() {
                    private final List<ClassTree> enclosing = new ArrayList<>();

                    @Override
                    public Void visitClass(ClassTree type, Void unused) {
                        boolean inInterface = !enclosing.isEmpty() && isInterface(enclosing.get(enclosing.size() - 1));
                        if (!visible(type.getModifiers(), inInterface)) {
                            return null; // nothing inside a hidden type is API
                        }
                        require(type, name(type));
                        if (type.getKind() == Tree.Kind.CLASS && type.getMembers().stream()
                                .noneMatch(m -> m instanceof MethodTree method && method.getName().contentEquals("<init>"))) {
                            missing.add(name(type) + " (default constructor: declare it and document it)");
                        }
                        enclosing.add(type);
                        try {
                            return super.visitClass(type, unused);
                        } finally {
                            enclosing.remove(enclosing.size() - 1);
                        }
                    }

                    @Override
                    public Void visitMethod(MethodTree method, Void unused) {
                        ClassTree owner = enclosing.get(enclosing.size() - 1);
                        boolean overrides = method.getModifiers().getAnnotations().stream()
                                .anyMatch(a -> a.getAnnotationType().toString().endsWith("Override"));
                        // a record's constructors are described by the @param tags of its header
                        boolean recordConstructor = owner.getKind() == Tree.Kind.RECORD
                                && method.getName().contentEquals("<init>");
                        if (!overrides && !recordConstructor && visible(method.getModifiers(), isInterface(owner))) {
                            String what = method.getName().contentEquals("<init>") ? "<init>" : method.getName().toString();
                            require(method, memberPrefix() + what + "(" + method.getParameters().size() + " parameters)");
                        }
                        return null;
                    }

                    @Override
                    public Void visitVariable(VariableTree field, Void unused) {
                        ClassTree owner = enclosing.get(enclosing.size() - 1);
                        boolean enumConstant = owner.getKind() == Tree.Kind.ENUM
                                && field.getInitializer() instanceof com.sun.source.tree.NewClassTree;
                        if (enumConstant || visible(field.getModifiers(), isInterface(owner))) {
                            require(field, memberPrefix() + field.getName());
                        }
                        return null;
                    }

                    private void require(Tree tree, String name) {
                        if (docs.getDocCommentTree(getCurrentPath()) == null) { // the path of `tree`
                            missing.add(name);
                        }
                    }

                    /** The innermost enclosing type's name and a '#'. */
                    private String memberPrefix() {
                        StringBuilder out = new StringBuilder(unit.getPackageName().toString());
                        enclosing.forEach(outer -> out.append('.').append(outer.getSimpleName()));
                        return out.append('#').toString();
                    }

                    private String name(ClassTree type) {
                        StringBuilder out = new StringBuilder(unit.getPackageName().toString());
                        enclosing.forEach(outer -> out.append('.').append(outer.getSimpleName()));
                        return out.append('.').append(type.getSimpleName()).toString();
                    }
                }.scan(unit, null);
            }
            return missing;
        }
    }

    private static boolean isInterface(ClassTree type) {
        return type.getKind() == Tree.Kind.INTERFACE || type.getKind() == Tree.Kind.ANNOTATION_TYPE;
    }

    /** Public or protected; in an interface, anything not private is public. */
    private static boolean visible(ModifiersTree modifiers, boolean inInterface) {
        Set<Modifier> flags = modifiers.getFlags();
        if (flags.contains(Modifier.PUBLIC) || flags.contains(Modifier.PROTECTED)) {
            return true;
        }
        return inInterface && !flags.contains(Modifier.PRIVATE);
    }

    private static Set<String> exportedPackages(List<CompilationUnitTree> units) {
        return units.stream()
                .map(CompilationUnitTree::getModule)
                .filter(java.util.Objects::nonNull)
                .flatMap(module -> ((ModuleTree) module).getDirectives().stream())
                .filter(directive -> directive instanceof ExportsTree exports && exports.getModuleNames() == null)
                .map(directive -> ((ExportsTree) directive).getPackageName().toString())
                .collect(Collectors.toSet());
    }
}
