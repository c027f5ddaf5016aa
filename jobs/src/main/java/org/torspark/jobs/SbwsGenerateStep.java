package org.torspark.jobs;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.torspark.bandwidth.SbwsGenerator;
import org.torspark.bandwidth.SbwsGenerator.GeneratedFile;
import org.torspark.bandwidth.SbwsGenerator.RelayLine;
import org.torspark.bandwidth.SbwsGenerator.Settings;
import org.torspark.bandwidth.SbwsResult;
import org.torspark.descriptor.DescriptorType;
import org.torspark.descriptor.NetworkStatus;
import org.torspark.descriptor.RouterStatusEntry;
import scala.Tuple2;

/**
 * {@code bandwidth-scaling --part generate}: one bandwidth file per UTC day that has results,
 * generated at that day's latest result time from the results of the preset's data period before it
 * (as a scanner running {@code sbws generate} right after its last measurement of the day would).
 * Relays are aggregated on the executors; scaling and the header, which need all relays, on the
 * driver (one small list of lines per day).
 */
final class SbwsGenerateStep {
  static final String GENERATED = "generated";
  static final String V3BW = "v3bw";
  private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  static final StructType LINE_SCHEMA = new StructType()
      .add("file_timestamp", DataTypes.TimestampType)
      .add("preset", DataTypes.StringType)
      .add("fingerprint", DataTypes.StringType)
      .add("bw", DataTypes.LongType)
      .add("excluded", DataTypes.BooleanType)
      .add("line", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType))
      .add("header", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType))
      .add("date", DataTypes.DateType);

  private SbwsGenerateStep() {}

  static List<String> run(SparkSession spark, JobArgs args, List<String> in, String out, Instant start, Instant end)
      throws Exception {
    Settings settings = Settings.preset(args.get("preset"));
    if (settings == null) {
      throw new JobArgException("option --preset: '" + args.get("preset") + "' is not one of "
          + String.join(", ", Settings.PRESETS.stream().map(Settings::name).toList()));
    }
    if (!args.all("votes").isEmpty()) {
      throw new JobArgException("option --votes only applies to --part check");
    }
    JobIO.requireInputs(spark, "in", in);
    List<String> consensusPaths = args.all("consensus");
    if (!consensusPaths.isEmpty()) {
      JobIO.requireInputs(spark, "consensus", consensusPaths);
    }
    SbwsResults.Read read = SbwsResults.read(spark, in, start, end);
    JavaRDD<SbwsResult> results = read.results().cache();
    try {
      // generation time per day: the day's latest result
      Map<Long, Double> genTimes = new TreeMap<>(results
          .mapToPair(r -> new Tuple2<>(Math.floorDiv((long) Math.floor(r.time()), 86400L), r.time()))
          .reduceByKey(Math::max).collectAsMap());
      long periodSecs = settings.periodDays() * 86400L;
      Map<Long, Double> gt = genTimes;
      JavaPairRDD<Tuple2<Long, String>, Iterable<SbwsResult>> perRelayDay = results.flatMapToPair(r -> {
        List<Tuple2<Tuple2<Long, String>, SbwsResult>> o = new ArrayList<>();
        for (Map.Entry<Long, Double> e : gt.entrySet()) {
          if (r.time() <= e.getValue() && r.time() > e.getValue() - periodSecs) {
            o.add(new Tuple2<>(new Tuple2<>(e.getKey(), r.fingerprint()), r));
          }
        }
        return o.iterator();
      }).groupByKey();
      Map<Long, List<RelayLine>> linesByDay = new TreeMap<>();
      for (Tuple2<Long, RelayLine> t : perRelayDay.map(t -> {
        List<SbwsResult> rs = new ArrayList<>();
        t._2().forEach(rs::add);
        return new Tuple2<>(t._1()._1(), SbwsGenerator.relay(rs, settings));
      }).collect()) {
        linesByDay.computeIfAbsent(t._1(), k -> new ArrayList<>()).add(t._2());
      }
      List<ConsensusInfo> consensuses = consensusPaths.isEmpty() ? List.of() : consensuses(spark, consensusPaths);
      List<Row> rows = new ArrayList<>();
      List<String> summary = new ArrayList<>();
      org.apache.hadoop.conf.Configuration conf = spark.sparkContext().hadoopConfiguration();
      for (Map.Entry<Long, List<RelayLine>> e : linesByDay.entrySet()) {
        double genTime = genTimes.get(e.getKey());
        Instant generated = Instant.ofEpochSecond(org.torspark.bandwidth.PyMath.round3(genTime));
        ConsensusInfo c = latestBefore(consensuses, generated);
        GeneratedFile g = SbwsGenerator.finish(e.getValue(), settings, c == null ? null : c.fingerprints().size(),
            c == null ? null : c.fingerprints(), generated);
        java.sql.Date date = JobIO.utcDate(Instant.ofEpochSecond(e.getKey() * 86400L));
        String name = NAME.format(generated) + ".v3bw";
        JobIO.writeTextAtomically(conf, out + "/" + V3BW + "/" + date, name, g.toText());
        java.sql.Timestamp ts = java.sql.Timestamp.from(Instant.ofEpochSecond(g.timestamp()));
        scala.collection.immutable.Map<String, String> header = scalaMap(g.header());
        for (TreeMap<String, String> l : g.lines()) {
          String fp = l.get("node_id").startsWith("$") ? l.get("node_id").substring(1) : l.get("node_id");
          rows.add(RowFactory.create(ts, settings.name(), fp, Long.parseLong(l.get("bw")),
              "1".equals(l.get("unmeasured")) || l.size() <= 2, scalaMap(l), header, date));
        }
        summary.add(String.format(Locale.ROOT, "bandwidth-scaling generate: %s %s: %d lines, %s eligible", date,
            out + "/" + V3BW + "/" + date + "/" + name, g.lines().size(), g.header().get("number_eligible_relays")));
      }
      JobIO.writeByDate(spark.createDataFrame(rows, LINE_SCHEMA), out + "/" + GENERATED);
      summary.add("bandwidth-scaling generate: " + linesByDay.size() + " files from " + in + " (" + read.badLines().value()
          + " lines were not sbws results)");
      return summary;
    } finally {
      results.unpersist();
    }
  }

  record ConsensusInfo(Instant validAfter, Set<String> fingerprints) implements java.io.Serializable {}

  static List<ConsensusInfo> consensuses(SparkSession spark, List<String> paths) {
    List<ConsensusInfo> list = new ArrayList<>(JobIO.perDocument(spark, paths, DescriptorType.NETWORK_STATUS_CONSENSUS_3,
        (file, doc) -> {
          if (doc.isError()) {
            return List.<ConsensusInfo>of();
          }
          NetworkStatus n = (NetworkStatus) doc.descriptor();
          Set<String> fps = new HashSet<>();
          for (RouterStatusEntry e : n.entries()) {
            fps.add(e.fingerprint());
          }
          return List.of(new ConsensusInfo(n.validAfter(), fps));
        }).collect());
    list.sort(java.util.Comparator.comparing(ConsensusInfo::validAfter));
    return list;
  }

  static ConsensusInfo latestBefore(List<ConsensusInfo> consensuses, Instant t) {
    ConsensusInfo best = null;
    for (ConsensusInfo c : consensuses) {
      if (!c.validAfter().isAfter(t)) {
        best = c;
      }
    }
    return best;
  }

  static scala.collection.immutable.Map<String, String> scalaMap(Map<String, String> m) {
    return scala.collection.immutable.Map.from(scala.jdk.javaapi.CollectionConverters.asScala(m));
  }
}
