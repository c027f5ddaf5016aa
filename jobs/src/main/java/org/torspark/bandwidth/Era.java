package org.torspark.bandwidth;

import java.util.List;
import org.torspark.descriptor.BandwidthFile;
import org.torspark.descriptor.BandwidthRelayLine;

/**
 * Which program wrote a bandwidth file and which of its scaling algorithms applies (formats.md
 * §4.3): Torflow's aggregate.py, or one of sbws's "Torflow scaling" eras. The era decides the
 * formula and which of the file's fields are its inputs.
 */
public enum Era {
  /** Torflow aggregate.py (format 1.0.0): bw = base10_round(pid_bw) for freshly measured relays. */
  TORFLOW("torflow"),
  /** sbws 0.8 to 1.0.2: kilobytes rounded to the nearest 1000 KB, no descriptor/consensus minimum. */
  SBWS_A0("sbws-a0"),
  /** sbws 1.0.3 to 1.1.0: muf = mean(max(bw_mean, mu)), min with descriptor and consensus. */
  SBWS_A("sbws-a"),
  /** sbws maint-1.1 snapshots after 1.1.0: either formula A or B (switched 2020-05-17). */
  SBWS_A_OR_B("sbws-a-or-b"),
  /** sbws 1.2.x: true filtered mean, consensus weight still used, cap before rounding. */
  SBWS_B("sbws-b"),
  /** sbws 1.3 to 1.6: no consensus weight. */
  SBWS_C("sbws-c"),
  /** sbws 1.7 to 1.8: as C, with r_strm / r_strm_filt per line and mu / muf in the header. */
  SBWS_D("sbws-d"),
  /** sbws 1.9 and later: as D, node_id without '$'. */
  SBWS_E("sbws-e"),
  /** Another generator, or an sbws file whose version is unreadable. */
  UNKNOWN("unknown");

  private final String label;

  Era(String label) {
    this.label = label;
  }

  /** The name written to the output tables. */
  public String label() {
    return label;
  }

  /** The era and why it was chosen. */
  public record Classification(Era era, String generator, String reason) {}

  /** Classifies a parsed bandwidth file: header first, key presence as the fallback. */
  public static Classification classify(BandwidthFile file) {
    String version = file.version();
    boolean hasVersionHeader = file.header() != null && file.header().containsKey("version");
    if (!hasVersionHeader && file.terminator() == null) {
      return new Classification(TORFLOW, "torflow", "no version header and no terminator: format 1.0.0");
    }
    String software = file.software();
    String softwareVersion = file.softwareVersion();
    if ("torspark".equals(software) && softwareVersion != null && softwareVersion.startsWith("sbws-")) {
      // written by our own generator emulating that sbws release
      software = "sbws";
      softwareVersion = softwareVersion.substring("sbws-".length());
    }
    boolean rStrm = anyLine(file.relays(), l -> l.rStrm() != null || l.rStrmFilt() != null);
    boolean noDollar = anyLine(file.relays(), l -> l.nodeId() != null && !l.nodeId().startsWith("$"));
    if (software != null && !software.equals("sbws")) {
      return new Classification(UNKNOWN, software, "software=" + software + " is not sbws");
    }
    int[] v = parseVersion(softwareVersion);
    if (v == null) {
      if (rStrm) {
        return new Classification(noDollar ? SBWS_E : SBWS_D, "sbws",
            "software_version unreadable; r_strm present" + (noDollar ? ", node_id without $" : ""));
      }
      return new Classification(UNKNOWN, software == null ? "unknown" : software,
          "software_version '" + softwareVersion + "' unreadable and no r_strm keys");
    }
    String sv = "software_version=" + file.softwareVersion();
    boolean afterRelease = softwareVersion.contains("+") || v[3] > 0;
    boolean preRelease = softwareVersion.contains("-dev") || softwareVersion.contains("rc");
    if (compare(v, 1, 0, 3) < 0) {
      return new Classification(SBWS_A0, "sbws", sv + " < 1.0.3");
    }
    if (compare(v, 1, 1, 0) < 0 || (compare(v, 1, 1, 0) == 0 && !afterRelease)) {
      return new Classification(SBWS_A, "sbws", sv + " in 1.0.3..1.1.0");
    }
    if (compare(v, 1, 2, 0) < 0 || (compare(v, 1, 2, 0) == 0 && preRelease)) {
      return new Classification(SBWS_A_OR_B, "sbws", sv + ": a maint-1.1 snapshot, formula A before 2020-05-17, B after");
    }
    if (compare(v, 1, 3, 0) < 0) {
      return new Classification(SBWS_B, "sbws", sv + " in 1.2.x");
    }
    if (compare(v, 1, 7, 0) < 0) {
      return new Classification(rStrm ? SBWS_D : SBWS_C, "sbws", sv + " in 1.3..1.6" + (rStrm ? " but r_strm present" : ""));
    }
    if (compare(v, 1, 9, 0) < 0) {
      return new Classification(SBWS_D, "sbws", sv + " in 1.7..1.8");
    }
    return new Classification(SBWS_E, "sbws", sv + " >= 1.9");
  }

  /** major, minor, patch and 1 if something follows a release (a '+' local part), else 0; null if unreadable. */
  static int[] parseVersion(String s) {
    if (s == null || s.isEmpty()) {
      return null;
    }
    int[] out = new int[4];
    int part = 0;
    int i = 0;
    boolean digits = false;
    while (i < s.length() && part < 3) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        out[part] = out[part] * 10 + (c - '0');
        digits = true;
        if (out[part] > 100000) {
          return null;
        }
      } else if (c == '.' && digits) {
        part++;
        digits = false;
      } else {
        break;
      }
      i++;
    }
    if (!digits && part == 0) {
      return null;
    }
    if (i < s.length() && s.charAt(i) == '+') {
      out[3] = 1;
    }
    return out;
  }

  private static int compare(int[] v, int major, int minor, int patch) {
    if (v[0] != major) {
      return Integer.compare(v[0], major);
    }
    if (v[1] != minor) {
      return Integer.compare(v[1], minor);
    }
    return Integer.compare(v[2], patch);
  }

  private static boolean anyLine(List<BandwidthRelayLine> lines, java.util.function.Predicate<BandwidthRelayLine> p) {
    for (BandwidthRelayLine l : lines) {
      if (p.test(l)) {
        return true;
      }
    }
    return false;
  }
}
