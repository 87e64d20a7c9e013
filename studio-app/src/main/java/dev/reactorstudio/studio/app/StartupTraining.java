package dev.reactorstudio.studio.app;

import dev.reactorstudio.studio.welcome.BundledExamples;
import java.io.IOException;
import java.nio.file.Path;
import javafx.application.Platform;
import org.slf4j.LoggerFactory;

/**
 * The training run of the app-image build ({@code -Dreactor.studio.training=true}, see
 * installers/jpackage/build.sh): once the welcome screen has been painted it opens the first bundled
 * example (the IDE layout, editor and manifest form), lets one more frame lay out, and quits. The JVM
 * records every class it loaded on the way ({@code -XX:DumpLoadedClassList}); those classes become the
 * image's class-data sharing archive, which is what makes the next launches start fast.
 */
final class StartupTraining {
    static final String PROPERTY = "reactor.studio.training";

    private StartupTraining() {
    }

    static void run(Studio studio, Studio.Options options) {
        BundledExamples examples = BundledExamples.installed(Path.of(options.prefs().get(Studio.EXAMPLES_FOLDER, "examples")));
        examples.list().stream().findFirst().ifPresent(example -> {
            try {
                studio.projectActions().open(examples.writableCopy(example));
            } catch (IOException e) {
                LoggerFactory.getLogger(StartupTraining.class).warn("Training run: cannot copy {}: {}", example.name(), e.getMessage());
            }
        });
        // Two turns of the FX thread: the opened layout is built, laid out and painted before the exit.
        Platform.runLater(() -> Platform.runLater(Platform::exit));
    }
}
