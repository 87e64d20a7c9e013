package dev.reactorstudio.runtime.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShutdownTest {
    @Test
    void everyStepRunsInOrderAndTheFirstFailureCarriesTheLaterOnes() {
        List<String> ran = new ArrayList<>();
        IllegalStateException thrown = catchThrowableOfType(() -> Shutdown.runAll(
                () -> ran.add("server"),
                () -> {
                    ran.add("pool");
                    throw new IllegalStateException("pool would not stop");
                },
                () -> {
                    ran.add("store");
                    throw new IllegalArgumentException("store already closed");
                },
                () -> ran.add("engine")), IllegalStateException.class);
        assertThat(ran).containsExactly("server", "pool", "store", "engine");
        assertThat(thrown).hasMessage("pool would not stop");
        assertThat(thrown.getSuppressed()).singleElement()
                .satisfies(e -> assertThat(e).isInstanceOf(IllegalArgumentException.class).hasMessage("store already closed"));
    }

    @Test
    void stepsThatAllSucceedThrowNothing() {
        List<String> ran = new ArrayList<>();
        Shutdown.runAll(() -> ran.add("a"), () -> ran.add("b"));
        assertThat(ran).containsExactly("a", "b");
    }
}
