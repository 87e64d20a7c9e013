package dev.reactorstudio.runtime.upload;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeFileNameTest {

    @Test
    void keepsOrdinaryNames() {
        assertThat(SafeFileName.of("photo 1 (copy).png")).isEqualTo("photo 1 (copy).png");
        assertThat(SafeFileName.of("ünïcode-名前.jpg")).isEqualTo("ünïcode-名前.jpg");
    }

    @Test
    void dropsFoldersOfEitherPlatformAndTraversal() {
        assertThat(SafeFileName.of("../../etc/passwd")).isEqualTo("passwd");
        assertThat(SafeFileName.of("C:\\Users\\x\\evil.exe")).isEqualTo("evil.exe");
        assertThat(SafeFileName.of("..")).isEqualTo("upload");
        assertThat(SafeFileName.of("dir/")).isEqualTo("upload");
    }

    @Test
    void replacesControlAndShellCharactersAndHidesNothing() {
        assertThat(SafeFileName.of("a\u0000b\nc;rm -rf $HOME|x.png")).isEqualTo("a_b_c_rm -rf _HOME_x.png");
        assertThat(SafeFileName.of(".bashrc")).isEqualTo("bashrc");
        assertThat(SafeFileName.of("   ")).isEqualTo("upload");
        assertThat(SafeFileName.of(null)).isEqualTo("upload");
        assertThat(SafeFileName.of("con.txt")).isEqualTo("_con.txt");
    }

    @Test
    void shortensLongNamesKeepingTheExtension() {
        String name = SafeFileName.of("x".repeat(500) + ".png");
        assertThat(name).hasSize(SafeFileName.MAX_LENGTH).endsWith(".png");
    }
}
