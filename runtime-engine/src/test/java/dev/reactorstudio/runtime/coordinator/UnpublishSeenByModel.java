package dev.reactorstudio.runtime.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the media browser scenarios (JS SDK and LiveKit) prove about an unpublished webcam, read
 * from the model's own {@code input_stats} reports: from the first report saying {@code live: false}
 * on, the frame count does not move. Counted in the model's reports rather than wall time, so a slow
 * machine only makes the scenario wait longer; a frame reaching the model after it saw the track
 * end fails it.
 */
public final class UnpublishSeenByModel {
    private UnpublishSeenByModel() {
    }

    /**
     * @param result a scenario result with {@code framesAtUnpublish} (the count in the first "not live"
     *               report) and {@code reportsAfterUnpublish} (the reports after that one)
     */
    public static void assertNoFramesAfterTheModelSawTheUnpublish(JsonNode result) {
        long atUnpublish = result.path("framesAtUnpublish").asLong(-1);
        assertThat(atUnpublish).as("frames in the model's first report with the webcam not live").isGreaterThanOrEqualTo(30);
        JsonNode later = result.path("reportsAfterUnpublish");
        assertThat(later.size()).as("input_stats after that one: %s", later).isGreaterThanOrEqualTo(2);
        for (JsonNode report : later) {
            assertThat(report.path("live").asBoolean(true)).as("live in %s", report).isFalse();
            assertThat(report.path("frames").asLong()).as("frames received after the model saw the unpublish, in %s", report)
                    .isEqualTo(atUnpublish);
        }
    }
}
