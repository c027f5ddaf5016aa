package org.torspark.bandwidth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * One sbws measurement result: one line of the scanner's {@code datadir/YYYY-MM-DD.txt} (JSON,
 * result format versions 4 and later). Only the keys the generator and the aggregates use are
 * kept; see docs/jobs.md for the schema relied on.
 *
 * @param type success, error-stream, error-circ, error-misc, error-destination, error-second-relay
 * @param time Unix time of the result, seconds with a fraction
 * @param amounts bytes of each download (success only; empty otherwise)
 * @param durations seconds of each download, same order
 * @param rtts round-trip times in seconds
 * @param relayInRecentConsensusCount {@code relay_in_recent_consensus_count}, or the length of the
 *     later {@code relay_in_recent_consensus} list; null if neither
 */
public record SbwsResult(
    String fingerprint,
    String nickname,
    String masterKeyEd25519,
    String type,
    double time,
    List<Long> amounts,
    List<Double> durations,
    List<Double> rtts,
    Long relayAverageBandwidth,
    Long relayBurstBandwidth,
    Long relayObservedBandwidth,
    Long consensusBandwidth,
    Boolean consensusBandwidthIsUnmeasured,
    Integer relayInRecentConsensusCount,
    Integer relayRecentPriorityListCount,
    Integer relayRecentMeasurementAttemptCount,
    String destUrl,
    String scanner,
    String address,
    Integer version) implements Serializable {

  private static final ObjectMapper JSON = new ObjectMapper();

  public boolean isSuccess() {
    return "success".equals(type);
  }

  /** Download speeds of this result, bytes/s ({@code amount / duration}), in order. */
  public double[] speeds() {
    double[] s = new double[Math.min(amounts.size(), durations.size())];
    for (int i = 0; i < s.length; i++) {
      s[i] = amounts.get(i) / durations.get(i);
    }
    return s;
  }

  /**
   * Parses one JSON line; throws {@link IllegalArgumentException} (naming the problem) when the line
   * is not a JSON object with a 40-hex {@code fingerprint}, a {@code type} and a numeric {@code time}.
   */
  public static SbwsResult parse(String line) {
    JsonNode n;
    try {
      n = JSON.readTree(line);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
    }
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    String fp = text(n, "fingerprint");
    if (fp == null || fp.length() != 40) {
      throw new IllegalArgumentException("no 40-hex fingerprint");
    }
    String type = text(n, "type");
    if (type == null) {
      throw new IllegalArgumentException("no type");
    }
    JsonNode t = n.get("time");
    if (t == null || !t.isNumber()) {
      throw new IllegalArgumentException("no numeric time");
    }
    List<Long> amounts = new ArrayList<>();
    List<Double> durations = new ArrayList<>();
    JsonNode dls = n.get("downloads");
    if (dls != null && dls.isArray()) {
      for (JsonNode dl : dls) {
        JsonNode a = dl.get("amount");
        JsonNode d = dl.get("duration");
        if (a != null && a.isNumber() && d != null && d.isNumber() && d.asDouble() > 0) {
          amounts.add(a.asLong());
          durations.add(d.asDouble());
        }
      }
    }
    List<Double> rtts = new ArrayList<>();
    JsonNode r = n.get("rtts");
    if (r != null && r.isArray()) {
      for (JsonNode x : r) {
        if (x.isNumber()) {
          rtts.add(x.asDouble());
        }
      }
    }
    return new SbwsResult(fp.toUpperCase(java.util.Locale.ROOT), text(n, "nickname"), text(n, "master_key_ed25519"),
        type, t.asDouble(), amounts, durations, rtts, longOrNull(n, "relay_average_bandwidth"),
        longOrNull(n, "relay_burst_bandwidth"), longOrNull(n, "relay_observed_bandwidth"),
        longOrNull(n, "consensus_bandwidth"), boolOrNull(n, "consensus_bandwidth_is_unmeasured"),
        countOrList(n, "relay_in_recent_consensus"), countOrList(n, "relay_recent_priority_list"),
        countOrList(n, "relay_recent_measurement_attempt"), text(n, "dest_url"), text(n, "scanner"),
        text(n, "address"), n.has("version") && n.get("version").isInt() ? n.get("version").asInt() : null);
  }

  private static String text(JsonNode n, String key) {
    JsonNode v = n.get(key);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static Long longOrNull(JsonNode n, String key) {
    JsonNode v = n.get(key);
    return v == null || !v.isNumber() ? null : v.asLong();
  }

  private static Boolean boolOrNull(JsonNode n, String key) {
    JsonNode v = n.get(key);
    return v == null || !v.isBoolean() ? null : v.asBoolean();
  }

  /** {@code key_count} (sbws 1.1) or the length of the list {@code key} (later results). */
  private static Integer countOrList(JsonNode n, String key) {
    JsonNode c = n.get(key + "_count");
    if (c != null && c.isNumber()) {
      return c.asInt();
    }
    JsonNode l = n.get(key);
    if (l != null && l.isArray()) {
      return l.size();
    }
    return null;
  }
}
