package dev.reactorstudio.runtime.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestReadTest {

    @TempDir
    Path folder;

    @Test
    void readsManifestJsonOfAFolder() throws IOException {
        Files.writeString(folder.resolve("manifest.json"), SeedManifest.TEXT);
        ManifestCheck check = ManifestValidator.read(folder);
        assertThat(check.ok()).isTrue();
        assertThat(check.manifest().orElseThrow().folder()).isEqualTo(folder.toAbsolutePath().normalize());
    }

    @Test
    void readsAManifestFileGivenDirectly() throws IOException {
        Path file = Files.writeString(folder.resolve("manifest.json"), SeedManifest.TEXT);
        assertThat(ManifestValidator.read(file).manifest().orElseThrow().folder())
                .isEqualTo(folder.toAbsolutePath().normalize());
    }

    @Test
    void aManifestFileWithAnotherNameIsReadAsGiven() throws IOException {
        Path file = Files.writeString(folder.resolve("longlive.manifest"), SeedManifest.TEXT);
        assertThat(ManifestValidator.read(file).ok()).isTrue();
    }

    @Test
    void folderWithoutManifestIsOneProblemNamingTheFileAndTheFix() {
        ManifestCheck check = ManifestValidator.read(folder);
        assertThat(check.manifest()).isEmpty();
        assertThat(check.problems()).singleElement().satisfies(p -> {
            assertThat(p.severity()).isEqualTo(Severity.ERROR);
            assertThat(p.path()).isEmpty();
            assertThat(p.message()).contains(folder.resolve("manifest.json").toString())
                    .contains("create manifest.json (reactor init NAME makes one)");
        });
    }

    @Test
    void missingFolderIsReported() {
        assertThat(ManifestValidator.read(folder.resolve("nope")).problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("does not exist"));
    }

    @Test
    void nonUtf8FileIsReportedAsUnreadable() throws IOException {
        Files.write(folder.resolve("manifest.json"), new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'});
        assertThat(ManifestValidator.read(folder).problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("is not UTF-8 text"));
    }

    @Test
    void manifestJsonThatIsAFolderIsReportedAsUnreadable() throws IOException {
        Files.createDirectory(folder.resolve("manifest.json"));
        assertThat(ManifestValidator.read(folder).problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).startsWith("cannot read"));
    }
}
