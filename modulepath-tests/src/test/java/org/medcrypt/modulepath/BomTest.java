package org.medcrypt.modulepath;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * medcrypt-bom lists every published module (those whose pom sets medcrypt.publish.skip to false:
 * the ones with sources and javadoc jars) at the reactor's version, and nothing else.
 */
class BomTest {

    private static final Path ROOT = Path.of("..");

    @Test
    void theBomManagesExactlyThePublishedModulesAtTheReactorVersion() throws Exception {
        Document parent = read(ROOT.resolve("pom.xml"));
        Document bom = read(ROOT.resolve("bom/pom.xml"));
        String version = child(parent.getDocumentElement(), "version");

        List<String> published = new ArrayList<>();
        for (Element module : elements(parent.getDocumentElement(), "modules", "module")) {
            Path pom = ROOT.resolve(module.getTextContent().trim()).resolve("pom.xml");
            if (Files.readString(pom).contains("<medcrypt.publish.skip>false</medcrypt.publish.skip>")) {
                published.add(child(read(pom).getDocumentElement(), "artifactId"));
            }
        }
        assertThat(published).contains("medcrypt-spi", "medcrypt-api", "medcrypt-provider-jca");

        List<String> managed = new ArrayList<>();
        for (Element dependency : elements(bom.getDocumentElement(), "dependencyManagement", "dependencies", "dependency")) {
            assertThat(child(dependency, "groupId")).isEqualTo("org.medcrypt");
            assertThat(child(dependency, "version")).isEqualTo("${medcrypt.version}");
            managed.add(child(dependency, "artifactId"));
        }
        assertThat(managed).containsExactlyInAnyOrderElementsOf(published);
        assertThat(child(bom.getDocumentElement(), "version")).isEqualTo(version);
        assertThat(child(elements(bom.getDocumentElement(), "properties").get(0), "medcrypt.version")).isEqualTo(version);
    }

    private static Document read(Path pom) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(pom.toFile());
    }

    /** The direct children reached by this path of element names. */
    private static List<Element> elements(Element from, String... path) {
        List<Element> level = List.of(from);
        for (String name : path) {
            List<Element> next = new ArrayList<>();
            for (Element element : level) {
                NodeList children = element.getChildNodes();
                for (int i = 0; i < children.getLength(); i++) {
                    Node node = children.item(i);
                    if (node instanceof Element child && child.getTagName().equals(name)) {
                        next.add(child);
                    }
                }
            }
            level = next;
        }
        return level;
    }

    private static String child(Element element, String name) {
        List<Element> found = elements(element, name);
        assertThat(found).as(name + " in " + element.getTagName()).hasSize(1);
        return found.get(0).getTextContent().trim();
    }
}
