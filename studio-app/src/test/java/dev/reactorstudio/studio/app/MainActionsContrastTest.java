package dev.reactorstudio.studio.app;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.control.Button;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * ▶ Run and ■ Stop are the most visible controls in both themes: their text stands out from their
 * own background (WCAG contrast ≥ 3, large bold text), and Run's background stands out from the toolbar.
 */
@ExtendWith(ApplicationExtension.class)
class MainActionsContrastTest extends StudioFxTest {
    @Start
    void start(Stage stage) throws Exception {
        open(stage);
    }

    @Test
    void runAndStopReadClearlyInTheLightAndTheDarkTheme(FxRobot robot) {
        for (Theme theme : Theme.values()) {
            robot.interact(() -> studio.theme().current().set(theme));
            WaitForAsyncUtils.waitForFxEvents();
            Button run = robot.lookup("#run").queryButton();
            Button stop = robot.lookup("#stop").queryButton();
            ToolBar bar = (ToolBar) run.getParent().getParent();
            Color runBackground = background(run);
            assertThat(contrast(color(run.getTextFill()), runBackground)).as(theme + " Run text").isGreaterThanOrEqualTo(3);
            assertThat(contrast(runBackground, background(bar))).as(theme + " Run against the toolbar").isGreaterThanOrEqualTo(2);
            assertThat(stop.isDisabled()).isTrue();
            assertThat(contrast(color(stop.getTextFill()), background(stop))).as(theme + " disabled Stop").isGreaterThanOrEqualTo(3);
            assertThat(stop.getOpacity()).isEqualTo(1);
        }
    }

    private static Color background(Region region) {
        var fills = region.getBackground() == null ? java.util.List.<javafx.scene.layout.BackgroundFill>of() : region.getBackground().getFills();
        return fills.isEmpty() ? Color.TRANSPARENT : color(fills.get(fills.size() - 1).getFill());
    }

    private static Color color(Paint paint) {
        assertThat(paint).isInstanceOf(Color.class);
        return (Color) paint;
    }

    /** WCAG 2 contrast ratio of two opaque colours. */
    private static double contrast(Color a, Color b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(Color c) {
        return 0.2126 * linear(c.getRed()) + 0.7152 * linear(c.getGreen()) + 0.0722 * linear(c.getBlue());
    }

    private static double linear(double channel) {
        return channel <= 0.03928 ? channel / 12.92 : Math.pow((channel + 0.055) / 1.055, 2.4);
    }
}
