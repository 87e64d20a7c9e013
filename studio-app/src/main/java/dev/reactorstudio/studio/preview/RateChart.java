package dev.reactorstudio.studio.preview;

import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;

/** The last minute of preview fps and model emit rate, one point per second, with a legend naming both. */
final class RateChart extends LineChart<Number, Number> {
    private static final int WINDOW = 60;

    private final XYChart.Series<Number, Number> fps = new XYChart.Series<>();
    private final XYChart.Series<Number, Number> emit = new XYChart.Series<>();
    private final NumberAxis time;
    private long second;

    RateChart() {
        super(new NumberAxis(), new NumberAxis());
        time = (NumberAxis) getXAxis();
        time.setAutoRanging(false);
        time.setTickLabelsVisible(false);
        time.setTickMarkVisible(false);
        time.setUpperBound(WINDOW);
        ((NumberAxis) getYAxis()).setForceZeroInRange(true);
        fps.setName("preview fps");
        emit.setName("emit /s");
        getData().add(fps);
        getData().add(emit);
        setAnimated(false);
        setCreateSymbols(false);
        setLegendVisible(true);
        setPrefHeight(130);
        setMinHeight(100);
        getStyleClass().add("rate-chart");
        setId("rate-chart");
    }

    void add(double previewFps, double emitRate) {
        second++;
        append(fps, previewFps);
        append(emit, emitRate);
        time.setLowerBound((double) Math.max(0, second - WINDOW));
        time.setUpperBound((double) Math.max(WINDOW, second));
    }

    private void append(XYChart.Series<Number, Number> series, double value) {
        series.getData().add(new XYChart.Data<>(second, value));
        if (series.getData().size() > WINDOW) {
            series.getData().remove(0);
        }
    }
}
