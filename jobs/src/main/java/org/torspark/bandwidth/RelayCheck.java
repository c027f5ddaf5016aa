package org.torspark.bandwidth;

/**
 * One relay line of a bandwidth file, recomputed: the published {@code bw}, what the file's own
 * fields give under the generator's algorithm, and the verdict.
 *
 * @param fingerprint relay fingerprint (40 upper-case hex), or null if the line had none
 * @param nick relay nickname, if written
 * @param bw published bw, kilobytes/s
 * @param expectedBw the recomputed bw, or null when the file does not carry the inputs
 * @param expectedMin the lowest bw the inputs allow (rounding, 2-decimal ratios, bounds), or null
 * @param expectedMax the highest bw the inputs allow, or null (no upper bound)
 * @param status the verdict
 * @param check which rule was applied (see docs/jobs.md)
 * @param detail a short human explanation of what the other fields do not say (why a line is not
 *     checkable, which cap or ratio explains bw), or null
 * @param ratio the scaling ratio used (sbws r_i, or Torflow 1 + pid_error)
 * @param inputBandwidth what the ratio multiplies, bytes/s (sbws min of descriptor and consensus
 *     values; Torflow: pid_bw / (1 + pid_error), the descriptor bandwidth Torflow used)
 * @param excluded the line is an excluded relay (unmeasured=1 or no measurements): its bw must be 1
 */
public record RelayCheck(
    String fingerprint,
    String nick,
    Long bw,
    Long expectedBw,
    Long expectedMin,
    Long expectedMax,
    Status status,
    String check,
    String detail,
    Double ratio,
    Double inputBandwidth,
    boolean excluded) {

  /** The verdict on one line. */
  public enum Status {
    /** bw equals the recomputed value. */
    EXACT,
    /** bw differs from the recomputed value by no more than one unit of the last kept digit. */
    WITHIN_ROUNDING,
    /** The inputs do not determine bw, but bw satisfies every bound they give. */
    CONSISTENT,
    /** bw contradicts the algorithm: see detail. */
    OUTLIER,
    /** The file lacks what the check needs (see the file's missing_inputs). */
    NOT_CHECKABLE;

    private final String label = name().toLowerCase(java.util.Locale.ROOT);

    /** The status column's value (computed once: it is written for every relay line). */
    public String label() {
      return label;
    }
  }
}
