package dev.openagg.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The connector API is read by third parties: every public type in it says what it is for. */
class JavadocTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/openagg/connector");
    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "(?m)^(\\s*)(?:public )?(?:static )?(?:final |sealed |abstract )*(?:class|interface|record|enum) (\\w+)");

    @Test
    void every_public_type_of_the_connector_api_has_javadoc() throws IOException {
        List<Path> files;
        try (Stream<Path> paths = Files.list(SOURCES)) {
            files = paths.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertThat(files).hasSizeGreaterThan(15);
        for (Path file : files) {
            String source = Files.readString(file);
            Matcher type = PUBLIC_TYPE.matcher(source);
            while (type.find()) {
                String before = source.substring(0, type.start()).stripTrailing();
                assertThat(before).as("public type %s in %s has no Javadoc", type.group(2), file.getFileName())
                        .endsWith("*/");
                assertThat(before.substring(before.lastIndexOf("/*"))).as(type.group(2)).startsWith("/**");
            }
        }
    }
}
