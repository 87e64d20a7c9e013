package dev.reactorstudio.runtime.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PcmResamplerTest {

    private static short[] sine(int rate, double hz, int frames) {
        short[] out = new short[frames];
        for (int i = 0; i < frames; i++) {
            out[i] = (short) Math.round(Math.sin(2 * Math.PI * hz * i / rate) * 16000);
        }
        return out;
    }

    /** Frequency from upward zero crossings. */
    private static double frequency(short[] pcm, int rate) {
        int crossings = 0;
        for (int i = 1; i < pcm.length; i++) {
            if (pcm[i - 1] < 0 && pcm[i] >= 0) {
                crossings++;
            }
        }
        return crossings * (double) rate / pcm.length;
    }

    @Test
    void sixteenKilohertzBecomesThreeTimesAsManySamplesAtTheSamePitch() {
        short[] in = sine(16_000, 440, 16_000);
        short[] out = new PcmResampler(16_000, 1).resample(in);
        assertThat(out.length).isBetween(47_990, 48_000);
        assertThat(frequency(out, 48_000)).isCloseTo(440, org.assertj.core.data.Offset.offset(2.0));
        assertThat(frequency(in, 16_000)).isCloseTo(440, org.assertj.core.data.Offset.offset(2.0));
    }

    @Test
    void chunkedResamplingMatchesOneGoWithoutClicksAtChunkBorders() {
        short[] in = sine(44_100, 1000, 44_100);
        short[] whole = new PcmResampler(44_100, 1).resample(in);
        PcmResampler chunked = new PcmResampler(44_100, 1);
        short[] joined = new short[0];
        for (int from = 0; from < in.length; from += 441) {
            short[] part = chunked.resample(Arrays.copyOfRange(in, from, Math.min(in.length, from + 441)));
            short[] grown = Arrays.copyOf(joined, joined.length + part.length);
            System.arraycopy(part, 0, grown, joined.length, part.length);
            joined = grown;
        }
        assertThat(Math.abs(joined.length - whole.length)).isLessThanOrEqualTo(1);
        int n = Math.min(joined.length, whole.length);
        for (int i = 0; i < n; i++) {
            assertThat(Math.abs(joined[i] - whole[i])).as("sample %d", i).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void stereoChannelsStayApart() {
        short[] in = new short[2 * 8000];
        for (int i = 0; i < 8000; i++) {
            in[2 * i] = 1000;
            in[2 * i + 1] = -1000;
        }
        short[] out = new PcmResampler(8_000, 2).resample(in);
        for (int i = 0; i < out.length; i += 2) {
            assertThat(out[i]).isEqualTo((short) 1000);
            assertThat(out[i + 1]).isEqualTo((short) -1000);
        }
    }

    @Test
    void floatsClipAndBadFormatsAreNamed() {
        assertThat(PcmResampler.toShorts(new float[] {2f, -2f, 0.5f})).containsExactly((short) 32767, (short) -32767, (short) 16384);
        assertThatThrownBy(() -> new PcmResampler(4_000, 1)).hasMessageContaining("4000 Hz is outside 8000..192000");
        assertThatThrownBy(() -> new PcmResampler(16_000, 3)).hasMessageContaining("channels must be 1 or 2");
    }
}
