package dev.pixelforge.report.sweep;

import java.util.Locale;

/**
 * How a sweep picks a target's best size, as aws-lambda-power-tuning's analyzer does: the cheapest
 * ({@code cost}), the fastest ({@code speed}), or the lowest weighted sum of the two, each divided
 * by its largest value among the target's sizes ({@code balanced}, with {@code --balanced-weight}:
 * 1 is all cost, 0 all speed). Speed here is the median process time, the analogue of power
 * tuning's function duration; cost is the cost per million requests.
 */
public enum Strategy {
    COST,
    SPEED,
    BALANCED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
