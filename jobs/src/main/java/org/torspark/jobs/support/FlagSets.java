package org.torspark.jobs.support;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The distinct flag lists of consensus entries in one pass, each classified once: Running (implied
 * since consensus method 4, checked anyway), exit as Tor Metrics and Onionoo count it (Exit without
 * BadExit), BadExit and Guard: the one place the jobs' passes tell these. A month has millions of
 * entries but a few hundred distinct lists (flags are written in lexical order), so a pass decides
 * an entry's position with one look-up of its list's bytes instead of scans of the list in Spark
 * expressions, and can sum per list and spread the sums over the list's flags at the end.
 *
 * <p>Null elements of a list are skipped. Lists are copied when first seen: a row's array is
 * reused for the next row. A pass uses one kind of list, rows' arrays or parsed documents' lists:
 * the two kinds are keyed apart. Not thread-safe: one per task or document.
 */
public final class FlagSets {
  private static final UTF8String RUNNING = UTF8String.fromString("Running");
  private static final UTF8String EXIT = UTF8String.fromString("Exit");
  private static final UTF8String BAD_EXIT = UTF8String.fromString("BadExit");
  private static final UTF8String GUARD = UTF8String.fromString("Guard");

  /** One distinct flag list; {@link #id} numbers the lists of a pass from 0 in order of appearance. */
  public static final class FlagSet {
    private final int id;
    private final List<UTF8String> flags;
    private final boolean running;
    private final boolean exit;
    private final boolean badExit;
    private final boolean guard;

    private FlagSet(int id, List<UTF8String> flags) {
      this.id = id;
      this.flags = flags;
      this.running = flags.contains(RUNNING);
      this.badExit = flags.contains(BAD_EXIT);
      this.exit = flags.contains(EXIT) && !badExit;
      this.guard = flags.contains(GUARD);
    }

    public int id() {
      return id;
    }

    /** The flags as written, repeats included (copies, kept beyond the row). */
    public List<UTF8String> flags() {
      return flags;
    }

    public boolean running() {
      return running;
    }

    /** Exit flag and no BadExit flag. */
    public boolean exit() {
      return exit;
    }

    public boolean badExit() {
      return badExit;
    }

    public boolean guard() {
      return guard;
    }
  }

  // keyed by the list's bytes (UnsafeArrayData, as rows from a query hold it) or its elements
  private final Map<ArrayData, FlagSet> byList = new HashMap<>();
  private final List<FlagSet> sets = new ArrayList<>();

  /** The set of this flag list (not null). */
  public FlagSet of(ArrayData list) {
    FlagSet s = byList.get(list);
    if (s == null) {
      List<UTF8String> flags = new ArrayList<>(list.numElements());
      for (int i = 0; i < list.numElements(); i++) {
        if (!list.isNullAt(i)) {
          flags.add(list.getUTF8String(i).clone());
        }
      }
      s = new FlagSet(sets.size(), List.copyOf(flags));
      sets.add(s);
      byList.put(list instanceof UnsafeArrayData u ? u.copy() : new GenericArrayData(copies(list)), s);
    }
    return s;
  }

  // lists parsed from documents: by identity first (a parser shares one list between the entries of
  // a document that have the same s line), then by equal elements
  private final Map<List<String>, FlagSet> byIdentity = new java.util.IdentityHashMap<>();
  private final Map<List<String>, FlagSet> byJavaList = new HashMap<>();

  /** The set of this flag list as a parsed descriptor holds it (not null). */
  public FlagSet of(List<String> list) {
    FlagSet s = byIdentity.get(list);
    if (s == null) {
      s = byJavaList.get(list);
      if (s == null) {
        List<UTF8String> flags = new ArrayList<>(list.size());
        for (String f : list) {
          if (f != null) {
            flags.add(UTF8String.fromString(f));
          }
        }
        s = new FlagSet(sets.size(), List.copyOf(flags));
        sets.add(s);
        byJavaList.put(new ArrayList<>(list), s);
      }
      byIdentity.put(list, s);
    }
    return s;
  }

  private static Object[] copies(ArrayData list) {
    Object[] out = new Object[list.numElements()];
    for (int i = 0; i < out.length; i++) {
      out[i] = list.isNullAt(i) ? null : list.getUTF8String(i).clone();
    }
    return out;
  }

  /** The set numbered {@code id}. */
  public FlagSet get(int id) {
    return sets.get(id);
  }

  /** Distinct lists seen so far. */
  public int size() {
    return sets.size();
  }
}
