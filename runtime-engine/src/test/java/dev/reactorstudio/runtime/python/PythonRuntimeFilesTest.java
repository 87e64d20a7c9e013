package dev.reactorstudio.runtime.python;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled Python package: listed completely, extracted once per version. */
class PythonRuntimeFilesTest {
    private static final Path SOURCES = Path.of("src", "main", "resources", "python");

    @Test
    void theIndexListsEveryFileOfThePackage() throws Exception {
        List<String> listed = Files.readAllLines(SOURCES.resolve("FILES")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).sorted().toList();
        try (Stream<Path> files = Files.walk(SOURCES.resolve("reactor_runtime"))) {
            List<String> present = files.filter(p -> p.toString().endsWith(".py"))
                    .map(p -> SOURCES.relativize(p).toString().replace('\\', '/')).sorted().toList();
            assertThat(listed).isEqualTo(present);
        }
    }

    @Test
    void extractionIsVersionedAndDoneOnce(@TempDir Path cache) throws Exception {
        Path first = PythonRuntimeFiles.extract(cache);
        assertThat(first.getFileName().toString()).matches("reactor_runtime-[0-9a-f]{12}");
        assertThat(first.resolve("reactor_runtime/__init__.py")).exists();
        Files.writeString(first.resolve("marker"), "kept");
        assertThat(PythonRuntimeFiles.extract(cache)).isEqualTo(first);
        assertThat(first.resolve("marker")).exists();
    }
}
