package org.torspark.jobs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.torspark.bandwidth.FileCheck;
import org.torspark.bandwidth.RelayCheck;
import org.torspark.bandwidth.ScalingCheck;
import org.torspark.bandwidth.VoteCrossCheck;
import org.torspark.descriptor.BandwidthFile;
import org.torspark.descriptor.BandwidthRelayLine;
import org.torspark.descriptor.DescriptorType;
import org.torspark.descriptor.NetworkStatus;
import org.torspark.descriptor.ParsedDocument;
import org.torspark.descriptor.RouterStatusEntry;
import org.torspark.jobs.support.InternalRows;
import scala.Tuple2;

/**
 * {@code bandwidth-scaling}: for every bandwidth file, recompute each relay's bw from the file's own
 * fields with its generator's algorithm ({@link ScalingCheck}); optionally compare the bandwidth
 * authorities' votes with the files they name ({@code --votes}). {@code --part generate} runs sbws's
 * generator on raw sbws results instead ({@link SbwsGenerateStep}). See docs/jobs.md.
 */
public final class BandwidthScalingJob implements Job {
  static final String FILES = "files";
  static final String RELAYS = "relays";
  static final String VOTES = "votes";

  static final StructType FILE_SCHEMA = new StructType()
      .add("source_file", DataTypes.StringType)
      .add("digest", DataTypes.StringType)
      .add("file_timestamp", DataTypes.TimestampType)
      .add("version", DataTypes.StringType)
      .add("software", DataTypes.StringType)
      .add("software_version", DataTypes.StringType)
      .add("generator", DataTypes.StringType)
      .add("era", DataTypes.StringType)
      .add("era_reason", DataTypes.StringType)
      .add("lines", DataTypes.IntegerType)
      .add("scaled_lines", DataTypes.IntegerType)
      .add("excluded_lines", DataTypes.IntegerType)
      .add("exact", DataTypes.IntegerType)
      .add("within_rounding", DataTypes.IntegerType)
      .add("consistent", DataTypes.IntegerType)
      .add("outliers", DataTypes.IntegerType)
      .add("not_checkable", DataTypes.IntegerType)
      .add("complete", DataTypes.BooleanType)
      .add("mu_computed", DataTypes.DoubleType)
      .add("mu_header", DataTypes.LongType)
      .add("muf_header", DataTypes.LongType)
      .add("mean_implied_ratio", DataTypes.DoubleType)
      .add("under_min_report_ok", DataTypes.BooleanType)
      .add("follows_scaling", DataTypes.BooleanType)
      .add("checks", DataTypes.createArrayType(DataTypes.StringType))
      .add("missing_inputs", DataTypes.createArrayType(DataTypes.StringType))
      .add("notes", DataTypes.createArrayType(DataTypes.StringType))
      .add("parse_error", DataTypes.StringType)
      .add("date", DataTypes.DateType);

  static final StructType RELAY_SCHEMA = new StructType()
      .add("digest", DataTypes.StringType)
      .add("file_timestamp", DataTypes.TimestampType)
      .add("era", DataTypes.StringType)
      .add("fingerprint", DataTypes.StringType)
      .add("nick", DataTypes.StringType)
      .add("bw", DataTypes.LongType)
      .add("expected_bw", DataTypes.LongType)
      .add("expected_min", DataTypes.LongType)
      .add("expected_max", DataTypes.LongType)
      .add("status", DataTypes.StringType)
      .add("check", DataTypes.StringType)
      .add("detail", DataTypes.StringType)
      .add("ratio", DataTypes.DoubleType)
      .add("input_bandwidth", DataTypes.DoubleType)
      .add("excluded", DataTypes.BooleanType)
      .add("date", DataTypes.DateType);

  static final StructType VOTE_SCHEMA = new StructType()
      .add("authority_nickname", DataTypes.StringType)
      .add("authority_fingerprint", DataTypes.StringType)
      .add("valid_after", DataTypes.TimestampType)
      .add("vote_file", DataTypes.StringType)
      .add("bandwidth_file", DataTypes.StringType)
      .add("digest", DataTypes.StringType)
      .add("file_timestamp", DataTypes.TimestampType)
      .add("in_both", DataTypes.IntegerType)
      .add("equal", DataTypes.IntegerType)
      .add("differ", DataTypes.IntegerType)
      .add("file_only", DataTypes.IntegerType)
      .add("vote_only", DataTypes.IntegerType)
      .add("voted_despite_vote0", DataTypes.IntegerType)
      .add("examples", DataTypes.createArrayType(DataTypes.StringType))
      .add("date", DataTypes.DateType);

  @Override
  public String name() {
    return "bandwidth-scaling";
  }

  @Override
  public String description() {
    return "recompute bandwidth-file bw per generator era; compare votes; or run sbws's generator on raw results";
  }

  @Override
  public List<JobOption> options() {
    return List.of(
        JobOption.repeatable("in", "input: bandwidth files (--part check) or sbws result files (--part generate); "
            + "files, folders or archives, repeatable"),
        JobOption.of("out", null, "output folder (Parquet tables, see docs/jobs.md)"),
        JobOption.of("part", "check", "check (recompute published files) or generate (sbws results -> v3bw)"),
        JobOption.of("start", null, "first UTC date or instant to process (file timestamp / result time)"),
        JobOption.of("end", null, "last UTC date (inclusive) or instant to process"),
        JobOption.repeatable("votes", "check: votes to compare with the files they name (optional, repeatable)"),
        JobOption.repeatable("consensus", "generate: consensuses for the relay count and the cap's relay set "
            + "(optional, repeatable)"),
        JobOption.of("preset", "sbws-1.1", "generate: sbws release to emulate: sbws-1.1, sbws-1.2, sbws-1.3, "
            + "sbws-1.7, sbws-1.9"));
  }

  @Override
  public List<String> run(SparkSession spark, JobArgs args) throws Exception {
    String part = args.get("part");
    if (!part.equals("check") && !part.equals("generate")) {
      throw new JobArgException("option --part: '" + part + "' is not one of check, generate");
    }
    List<String> in = args.all("in");
    if (in.isEmpty()) {
      throw new JobArgException("option --in is required");
    }
    String out = args.require("out");
    args.requireOrderedRange("start", "end");
    Instant start = args.instant("start");
    Instant end = args.endInstant("end");
    if (part.equals("generate")) {
      return SbwsGenerateStep.run(spark, args, in, out, start, end);
    }
    if (args.has("preset") || args.has("consensus")) {
      throw new JobArgException("option --" + (args.has("preset") ? "preset" : "consensus")
          + " only applies to --part generate");
    }
    JobIO.requireInputs(spark, "in", in);
    List<String> votes = args.all("votes");
    if (!votes.isEmpty()) {
      JobIO.requireInputs(spark, "votes", votes);
    }
    boolean withVotes = !votes.isEmpty();
    if (!withVotes) {
      return checkOnce(spark, in, out, start, end);
    }
    JavaRDD<Checked> checked = JobIO.perDocument(spark, in, DescriptorType.BANDWIDTH_FILE,
        (file, doc) -> checkDocument(file, doc, start, end, withVotes)).cache();
    try {
      // One row per file: small enough for the driver. Collecting them checks (and caches) every
      // document once; the file table and the totals are then local, without a job per use.
      List<Row> fileRows = checked.map(Checked::file).collect();
      JobIO.writeByDate(spark.createDataFrame(fileRows, FILE_SCHEMA), out + "/" + FILES);
      // the relay rows are read back from the cache: a task per core is enough (each task also
      // builds its own row serializer), where checking wanted several tasks per core to balance files
      int cores = spark.sparkContext().defaultParallelism();
      JavaRDD<InternalRow> relayRows = checked.coalesce(cores).flatMap(c -> c.relays().iterator());
      JobIO.writeByDate(InternalRows.createDataFrame(spark, relayRows, RELAY_SCHEMA), out + "/" + RELAYS);
      List<String> summary = new ArrayList<>();
      summary.add(summary(fileRows, out));
      if (!votes.isEmpty()) {
        long n = voteCheck(spark, checked, votes, start, end, out + "/" + VOTES);
        summary.add("bandwidth-scaling: " + n + " vote/file pairs compared in " + out + "/" + VOTES);
      }
      return summary;
    } finally {
      checked.unpersist();
    }
  }

  /**
   * Without --votes every document is checked once, streaming: the relay rows go straight to the
   * writer and the file rows (one per bandwidth file) come back through {@link FileRows}. Caching
   * the checked documents instead held a month's 5.4 million relay rows as Java objects in one task.
   */
  private static List<String> checkOnce(SparkSession spark, List<String> in, String out, Instant start, Instant end) {
    FileRows fileRows = new FileRows();
    // unnamed: Spark reports a named accumulator's value to its listeners, and the status listener
    // printed this map while the scheduler merged tasks' rows into it (ConcurrentModificationException)
    spark.sparkContext().register(fileRows);
    JavaRDD<InternalRow> relayRows = JobIO.perDocument(spark, in, DescriptorType.BANDWIDTH_FILE,
        (file, doc) -> checkDocument(file, doc, start, end, false)).mapPartitionsWithIndex((partition, checked) -> {
          List<Row> files = new ArrayList<>();
          fileRows.add(new scala.Tuple2<>(partition, files));
          return new java.util.Iterator<InternalRow>() {
            private java.util.Iterator<InternalRow> relays = java.util.Collections.emptyIterator();

            @Override
            public boolean hasNext() {
              while (!relays.hasNext() && checked.hasNext()) {
                Checked c = checked.next();
                files.add(c.file());
                relays = c.relays().iterator();
              }
              return relays.hasNext();
            }

            @Override
            public InternalRow next() {
              if (!hasNext()) {
                throw new java.util.NoSuchElementException();
              }
              return relays.next();
            }
          };
        }, false);
    JobIO.writeByDate(InternalRows.createDataFrame(spark, relayRows, RELAY_SCHEMA), out + "/" + RELAYS);
    List<Row> files = fileRows.rows();
    JobIO.writeByDate(spark.createDataFrame(files, FILE_SCHEMA), out + "/" + FILES);
    return List.of(summary(files, out));
  }

  /**
   * The file rows of each input partition, keyed by partition: a task run again (a retry, a
   * recomputed stage) replaces its partition's rows rather than adding them twice. A task adds its
   * (still empty) list first and fills it as it goes; Spark sends the task's value when it ends.
   */
  static final class FileRows extends org.apache.spark.util.AccumulatorV2<scala.Tuple2<Integer, List<Row>>,
      java.util.TreeMap<Integer, List<Row>>> {
    private static final long serialVersionUID = 1L;
    private java.util.TreeMap<Integer, List<Row>> rows = new java.util.TreeMap<>();

    @Override
    public boolean isZero() {
      return rows.isEmpty();
    }

    @Override
    public FileRows copy() {
      FileRows c = new FileRows();
      c.rows.putAll(rows);
      return c;
    }

    @Override
    public void reset() {
      rows = new java.util.TreeMap<>();
    }

    @Override
    public void add(scala.Tuple2<Integer, List<Row>> partitionRows) {
      rows.put(partitionRows._1(), partitionRows._2());
    }

    @Override
    public void merge(org.apache.spark.util.AccumulatorV2<scala.Tuple2<Integer, List<Row>>,
        java.util.TreeMap<Integer, List<Row>>> other) {
      rows.putAll(other.value());
    }

    @Override
    public java.util.TreeMap<Integer, List<Row>> value() {
      return rows;
    }

    /** All file rows in partition order. */
    List<Row> rows() {
      List<Row> out = new ArrayList<>();
      rows.values().forEach(out::addAll);
      return out;
    }
  }

  /**
   * The run's one-line summary from the file rows (already on the driver): counts summed as SQL's
   * {@code sum} would (null values skipped, null over no rows), in plain Java rather than a query.
   */
  static String summary(List<Row> files, String out) {
    String[] counted = {"lines", "exact", "within_rounding", "consistent", "outliers", "not_checkable"};
    int[] at = new int[counted.length];
    for (int i = 0; i < counted.length; i++) {
      at[i] = FILE_SCHEMA.fieldIndex(counted[i]);
    }
    int follows = FILE_SCHEMA.fieldIndex("follows_scaling");
    int parseError = FILE_SCHEMA.fieldIndex("parse_error");
    Long[] sums = new Long[counted.length];
    Long follow = null;
    Long unreadable = null;
    for (Row r : files) {
      for (int i = 0; i < counted.length; i++) {
        if (!r.isNullAt(at[i])) {
          sums[i] = (sums[i] == null ? 0 : sums[i]) + r.getInt(at[i]);
        }
      }
      follow = (follow == null ? 0 : follow) + (!r.isNullAt(follows) && r.getBoolean(follows) ? 1 : 0);
      unreadable = (unreadable == null ? 0 : unreadable) + (r.isNullAt(parseError) ? 0 : 1);
    }
    return String.format(java.util.Locale.ROOT,
        "bandwidth-scaling: %s files (written to %s), %s lines: %s exact, %s within rounding, %s consistent, "
            + "%s outliers, %s not checkable; %s files follow their scaling, %s unreadable",
        files.size(), out, sums[0], sums[1], sums[2], sums[3], sums[4], sums[5], follow, unreadable);
  }

  /** One checked document: its file row, relay rows, and what the vote check needs (null without votes). */
  record Checked(Row file, List<InternalRow> relays, VoteCrossCheck.FileSide side) implements java.io.Serializable {}

  static List<Checked> checkDocument(String file, ParsedDocument doc, Instant start, Instant end, boolean withVotes) {
    if (doc.isError()) {
      String where = doc.source() == null ? file : doc.source().toString();
      Row r = RowFactory.create(where, null, null, null, null, null, null, null, null, 0, 0, 0, 0, 0, 0, 0, 0, null,
          null, null, null, null, null, null, null, null, null, doc.error().message(), null);
      return (start == null && end == null) ? List.of(new Checked(r, List.of(), null)) : List.of();
    }
    BandwidthFile bf = (BandwidthFile) doc.descriptor();
    if (!JobIO.inRange(bf.timestamp(), start, end)) {
      return List.of();
    }
    String source = doc.source().toString();
    ScalingCheck.Result res = ScalingCheck.check(bf);
    FileCheck fc = res.file();
    java.sql.Date date = JobIO.utcDate(bf.timestamp());
    java.sql.Timestamp ts = java.sql.Timestamp.from(bf.timestamp());
    Row fileRow = RowFactory.create(source, bf.digest(), ts, bf.version(), bf.software(), bf.softwareVersion(),
        fc.generator(), fc.era().label(), fc.eraReason(), fc.lines(), fc.scaledLines(), fc.excludedLines(), fc.exact(),
        fc.withinRounding(), fc.consistent(), fc.outliers(), fc.notCheckable(), fc.complete(), fc.muComputed(),
        fc.muHeader(), fc.mufHeader(), fc.meanImpliedRatio(), fc.underMinReportOk(), fc.followsScaling(),
        scala.jdk.javaapi.CollectionConverters.asScala(fc.checks()).toSeq(),
        scala.jdk.javaapi.CollectionConverters.asScala(fc.missingInputs()).toSeq(),
        scala.jdk.javaapi.CollectionConverters.asScala(fc.notes()).toSeq(), null, date);
    List<InternalRow> relays = relayRows(bf, fc, res.relays());
    if (!withVotes) {
      // the per-relay maps below only serve --votes: without it they would be built and cached for nothing
      return List.of(new Checked(fileRow, relays, null));
    }
    Map<String, Long> bw = new HashMap<>();
    Set<String> noVote = new HashSet<>();
    for (BandwidthRelayLine l : bf.relays()) {
      if (l.fingerprint() != null && l.bw() != null && !l.duplicate()) {
        bw.put(l.fingerprint(), l.bw());
        if (Boolean.FALSE.equals(l.vote())) {
          noVote.add(l.fingerprint());
        }
      }
    }
    return List.of(new Checked(fileRow, relays,
        new VoteCrossCheck.FileSide(bf.digest(), bf.timestamp().getEpochSecond(), source, bw, noVote)));
  }

  /**
   * A file's relay rows in Spark's internal form (RELAY_SCHEMA's order); the file's values are
   * encoded once. A method of its own: the JIT compiles this loop again when a file brings a case it
   * had not seen, and did so with all of checkDocument around it (three compilations, 1.1 s of C2
   * time in a run over the sbws week).
   */
  private static List<InternalRow> relayRows(BandwidthFile bf, FileCheck fc, List<RelayCheck> checks) {
    UTF8String digestU = InternalRows.utf8(bf.digest());
    UTF8String eraU = UTF8String.fromString(fc.era().label());
    long micros = InternalRows.micros(bf.timestamp());
    Integer day = InternalRows.utcDay(micros);
    Map<String, UTF8String> labels = new HashMap<>();
    List<InternalRow> relays = new ArrayList<>(checks.size());
    for (RelayCheck c : checks) {
      relays.add(new GenericInternalRow(new Object[] {digestU, micros, eraU,
          InternalRows.utf8(c.fingerprint()), InternalRows.utf8(c.nick()), c.bw(), c.expectedBw(), c.expectedMin(),
          c.expectedMax(), labels.computeIfAbsent(c.status().label(), UTF8String::fromString),
          c.check() == null ? null : labels.computeIfAbsent(c.check(), UTF8String::fromString),
          InternalRows.utf8(c.detail()), c.ratio(), c.inputBandwidth(), c.excluded(), day}));
    }
    return relays;
  }

  /** Joins votes with the files they name (by SHA-256, else by the header timestamp) and compares. */
  static long voteCheck(SparkSession spark, JavaRDD<Checked> checked, List<String> votes, Instant start, Instant end,
      String path) {
    JavaPairRDD<String, VoteCrossCheck.FileSide> files = checked.filter(c -> c.side() != null)
        .flatMapToPair(c -> List.of(new Tuple2<>("sha256:" + c.side().digest(), c.side()),
            new Tuple2<>("ts:" + c.side().timestamp(), c.side())).iterator());
    JavaPairRDD<String, VoteCrossCheck.VoteSide> voteSides = JobIO.perDocument(spark, votes,
        DescriptorType.NETWORK_STATUS_VOTE_3, (file, doc) -> {
          if (doc.isError()) {
            return List.<Tuple2<String, VoteCrossCheck.VoteSide>>of();
          }
          NetworkStatus v = (NetworkStatus) doc.descriptor();
          if (!JobIO.inRange(v.validAfter(), start, end)) {
            return List.<Tuple2<String, VoteCrossCheck.VoteSide>>of();
          }
          Map<String, Long> measured = new LinkedHashMap<>();
          for (RouterStatusEntry e : v.entries()) {
            if (e.measured() != null && e.fingerprint() != null) {
              measured.put(e.fingerprint(), e.measured());
            }
          }
          if (measured.isEmpty()) {
            return List.<Tuple2<String, VoteCrossCheck.VoteSide>>of(); // not a bandwidth authority's vote
          }
          String key = VoteCrossCheck.digestKey(v.bandwidthFileDigest());
          if (key != null) {
            key = "sha256:" + key;
          } else if (v.bandwidthFileHeaders() != null && v.bandwidthFileHeaders().get("timestamp") != null) {
            key = "ts:" + v.bandwidthFileHeaders().get("timestamp");
          } else {
            return List.<Tuple2<String, VoteCrossCheck.VoteSide>>of();
          }
          return List.of(new Tuple2<>(key, new VoteCrossCheck.VoteSide(v.authorityNickname(), v.authorityFingerprint(),
              v.validAfter(), doc.source().toString(), measured)));
        }).mapToPair(t -> t);
    JavaRDD<Row> rows = voteSides.join(files).map(t -> {
      VoteCrossCheck.VoteSide v = t._2()._1();
      VoteCrossCheck.FileSide f = t._2()._2();
      VoteCrossCheck.Result r = VoteCrossCheck.compare(v, f);
      return RowFactory.create(v.authorityNickname(), v.authorityFingerprint(), java.sql.Timestamp.from(v.validAfter()),
          v.sourceFile(), f.sourceFile(), f.digest(), java.sql.Timestamp.from(Instant.ofEpochSecond(f.timestamp())),
          r.inBoth(), r.equal(), r.differ(), r.fileOnly(), r.voteOnly(), r.votedDespiteVote0(),
          scala.jdk.javaapi.CollectionConverters.asScala(r.examples()).toSeq(), JobIO.utcDate(v.validAfter()));
    });
    rows = rows.cache();
    JobIO.writeByDate(spark.createDataFrame(rows, VOTE_SCHEMA), path);
    long n = rows.count();
    rows.unpersist();
    return n;
  }
}
