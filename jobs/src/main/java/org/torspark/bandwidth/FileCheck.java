package org.torspark.bandwidth;

import java.util.List;

/**
 * The per-file summary of a scaling reproduction.
 *
 * @param era the generator era the file was checked against
 * @param generator torflow, sbws or the software header
 * @param eraReason why that era was chosen
 * @param lines relay lines in the file
 * @param scaledLines lines in the scaled set (sbws: without unmeasured=1; Torflow: all)
 * @param excludedLines lines of excluded relays (must have bw=1)
 * @param complete the scaled set is the whole network the generator scaled (sbws: header
 *     number_eligible_relays equals the scaled lines; null when the header does not say): the
 *     network means computed from the file are then exact
 * @param muComputed mean of bw_mean over the scaled set, bytes/s (sbws), or null
 * @param muHeader the header's mu (sbws >= 1.7), or null
 * @param mufHeader the header's muf (sbws >= 1.7), or null
 * @param meanImpliedRatio mean over scaled lines of 1000*bw / input bandwidth (sbws eras B and C:
 *     with the filtered ratio dominating most lines this is about 1 or more), or null
 * @param underMinReportOk the under_min_report / vote=0 marks agree with the header's eligible
 *     counts, or null when the header lacks them
 * @param checks the checks that were possible for this file
 * @param missingInputs what the file lacks for an exact recomputation
 * @param notes anything else worth knowing (e.g. header mu disagrees with the lines)
 */
public record FileCheck(
    Era era,
    String generator,
    String eraReason,
    int lines,
    int scaledLines,
    int excludedLines,
    int exact,
    int withinRounding,
    int consistent,
    int outliers,
    int notCheckable,
    Boolean complete,
    Double muComputed,
    Long muHeader,
    Long mufHeader,
    Double meanImpliedRatio,
    Boolean underMinReportOk,
    List<String> checks,
    List<String> missingInputs,
    List<String> notes) {

  /** True when at least one line could be checked and none contradicts the declared scaling. */
  public boolean followsScaling() {
    return outliers == 0 && (exact + withinRounding + consistent) > 0
        && (underMinReportOk == null || underMinReportOk);
  }
}
