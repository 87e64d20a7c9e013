package dev.reactorstudio.studio.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the Weights view's fields become in the engine's registry settings, and how downloads read. */
class RegistrySetupTest {
    private final Preferences prefs = Preferences.userRoot().node("dev/reactorstudio/studio-test/" + UUID.randomUUID());

    @AfterEach
    void removePrefs() throws Exception {
        prefs.removeNode();
    }

    private static RegistrySetup setup(Map<String, String> env) {
        return new RegistrySetup(env, UnaryOperator.identity());
    }

    @Test
    void typedRegistryAndEndpointWinAndTheCacheComesFromTheEnvironment() {
        Map<String, String> env = Map.of("REACTOR_REGISTRY", "s3://old/place", "REACTOR_CACHE_DIR", "/tmp/cache-x",
                "AWS_ACCESS_KEY_ID", "k", "AWS_SECRET_ACCESS_KEY", "s");
        RegistrySettings view = new RegistrySettings(prefs, env);
        assertThat(view.location().get()).isEqualTo("s3://old/place");
        view.location().set("s3://bucket/models");
        view.endpoint().set("http://127.0.0.1:9000");
        var settings = setup(env).settings(view);
        assertThat(settings.location()).map(Object::toString).hasValue("s3://bucket/models");
        assertThat(settings.endpoint()).hasValue(URI.create("http://127.0.0.1:9000"));
        assertThat(settings.cacheRoot()).isEqualTo(Path.of("/tmp/cache-x"));
        assertThat(settings.environment()).containsEntry("AWS_ACCESS_KEY_ID", "k");
    }

    @Test
    void aProfileChosenInTheViewReplacesKeysFromTheEnvironment() {
        Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", "k", "AWS_SECRET_ACCESS_KEY", "s");
        RegistrySettings view = new RegistrySettings(prefs, env);
        view.location().set("s3://bucket");
        view.profile().set("research");
        var settings = setup(env).settings(view);
        assertThat(settings.environment()).containsEntry("AWS_PROFILE", "research").doesNotContainKey("AWS_ACCESS_KEY_ID");
    }

    @Test
    void missingOrMalformedFieldsAreRefusedInPlainWords() {
        RegistrySettings view = new RegistrySettings(prefs, Map.of());
        assertThatThrownBy(() -> setup(Map.of()).settings(view)).hasMessageContaining("no weights registry set")
                .hasMessageContaining("Registry settings");
        view.location().set("bucket/models");
        assertThatThrownBy(() -> setup(Map.of()).settings(view)).hasMessageContaining("write it as s3://bucket/prefix");
        view.location().set("s3://bucket");
        view.endpoint().set("localhost 9000");
        assertThatThrownBy(() -> setup(Map.of()).settings(view)).hasMessageContaining("is not a URL");
        // Run still gets settings: the cache alone, so missing weights fail the load by name.
        assertThat(setup(Map.of()).settingsOrCacheOnly(view).location()).isEmpty();
    }

    @Test
    void progressReadsAsBytesRateTimeLeftAndFiles() {
        var p = new WeightDownloads.Progress("LongLive", 3_355_443, 8_388_608, 4_194_304, 0, 1, 3,
                Optional.of("model.bin"), Optional.empty());
        assertThat(p.fraction()).isBetween(0.39, 0.41);
        assertThat(DownloadTask.describe(p)).isEqualTo("3.2 MB of 8.0 MB · 4.0 MB/s · 1 s left · 1 of 3 files · model.bin");
        var listing = new WeightDownloads.Progress("LongLive", 0, -1, 0, -1, 0, 0, Optional.empty(), Optional.of("listing"));
        assertThat(listing.fraction()).isEqualTo(-1);
        assertThat(DownloadTask.describe(listing)).isEqualTo("listing…");
    }
}
