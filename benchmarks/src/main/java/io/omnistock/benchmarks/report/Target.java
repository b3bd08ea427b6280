package io.omnistock.benchmarks.report;

/**
 * One of the targets with the figure a run measured beside it. Immutable.
 *
 * @param name     what is measured.
 * @param wanted   the target, as text.
 * @param measured the measured figure (and where it falls short, why), as text.
 * @param status   met, met in quick mode only, missed or not measured.
 * @param source   which tool and scenario gave the figure.
 */
public record Target(String name, String wanted, String measured, Status status, String source)
{
    /** Whether the measured figure meets the target. */
    public enum Status
    {
        /** Measured and met. */
        MET("met"),
        /**
         * Met by a quick run, whose workloads are smaller and whose runs are seconds long: indicative only, not
         * counted as met (a full run may miss it).
         */
        MET_IN_QUICK_MODE("met in quick mode only (indicative; judge with --full)"),
        /** Measured and missed. */
        MISSED("**missed**"),
        /** Not measured by this run (a piece skipped or absent). */
        NOT_MEASURED("not measured");

        private final String mark;

        Status(final String mark)
        {
            this.mark = mark;
        }

        /** @return how the report shows it. */
        public String mark()
        {
            return mark;
        }

        /**
         * @param met whether the figure meets the target.
         * @return {@link #MET} or {@link #MISSED}.
         */
        public static Status of(final boolean met)
        {
            return met ? MET : MISSED;
        }
    }

    /**
     * @param name   what is measured.
     * @param wanted the target.
     * @param why    why it was not measured.
     * @return a target this run did not measure.
     */
    static Target notMeasured(final String name, final String wanted, final String why)
    {
        return new Target(name, wanted, why, Status.NOT_MEASURED, "");
    }

    /** @return this target, met in a quick run only when it was met: {@link Status#MET_IN_QUICK_MODE}. */
    Target indicative()
    {
        return status == Status.MET ? new Target(name, wanted, measured, Status.MET_IN_QUICK_MODE, source) : this;
    }
}
