package dev.reactorstudio.runtime.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FrameShapeTest {

    @Test
    void threeDimensionsAreOneFrame() {
        FrameShape shape = FrameShape.of(480, 640, 3);

        assertThat(shape.count()).isEqualTo(1);
        assertThat(shape.height()).isEqualTo(480);
        assertThat(shape.width()).isEqualTo(640);
        assertThat(shape.frameBytes()).isEqualTo(480 * 640 * 3);
        assertThat(shape).hasToString("(480,640,3)");
    }

    @Test
    void fourDimensionsAreABlockOfN() {
        FrameShape shape = FrameShape.of(4, 480, 640, 3);

        assertThat(shape.count()).isEqualTo(4);
        assertThat(shape.totalValues()).isEqualTo(4 * 480 * 640 * 3);
        assertThat(shape).hasToString("(4,480,640,3)");
    }

    @Test
    void twoDimensionsAreRejectedWithTheExpectedForm() {
        assertThatThrownBy(() -> FrameShape.of(480, 640))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(H,W,3)")
                .hasMessageContaining("(480,640)");
    }

    @Test
    void missingShapeIsRejected() {
        assertThatThrownBy(() -> FrameShape.of())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no shape");
        assertThatThrownBy(() -> FrameShape.of((int[]) null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no shape");
    }

    @Test
    void channelFirstDataGetsAHint() {
        assertThatThrownBy(() -> FrameShape.of(3, 480, 640))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(3,480,640)")
                .hasMessageContaining("channel-first");
        assertThatThrownBy(() -> FrameShape.of(2, 3, 480, 640))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("channel-first");
    }

    @Test
    void fourChannelsAreRejectedWithoutTheChannelFirstHint() {
        assertThatThrownBy(() -> FrameShape.of(480, 640, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 channels")
                .hasMessageNotContaining("channel-first");
    }

    @Test
    void nonPositiveOrHugeSidesAreRejected() {
        assertThatThrownBy(() -> FrameShape.of(0, 640, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("out of range");
        assertThatThrownBy(() -> FrameShape.of(0, 4, 4, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FrameShape.of(-1, 640, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FrameShape.of(100_000, 640, 3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shapeTooLargeForAnyArrayIsRejectedInsteadOfOverflowing() {
        // 1024 * 8192 * 8192 * 3 wraps to exactly 0 in int arithmetic.
        assertThatThrownBy(() -> FrameConverter.fromBytes(new byte[0], 1024, 8192, 8192, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(1024,8192,8192,3)");
    }

    @Test
    void requireValuesAcceptsOnlyTheExactCount() {
        FrameShape shape = FrameShape.of(2, 2, 2, 3);

        shape.requireValues(24, "byte[]");
        assertThatThrownBy(() -> shape.requireValues(23, "byte[]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("byte[] has 23 values")
                .hasMessageContaining("needs 24");
    }
}
