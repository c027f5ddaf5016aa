package org.torspark.descriptor.parse;

import java.util.EnumSet;
import java.util.Set;

/**
 * How often each keyword of a document type may appear, declared as data (dir-spec's "exactly
 * once", "at most once", "once or more", "at start", "at end") and checked in one place.
 *
 * @param <K> the parser's keyword enum
 */
public final class KeywordRules<K extends Enum<K>> {
  // Arrays in ordinal order (as the sets iterate): check() runs once per descriptor or entry, and
  // walking an EnumSet allocates an iterator each time.
  private final K[] exactlyOnce;
  private final K[] atMostOnce;
  private final K[] atLeastOnce;
  private final K first;

  private KeywordRules(K[] exactlyOnce, K[] atMostOnce, K[] atLeastOnce, K first) {
    this.exactlyOnce = exactlyOnce;
    this.atMostOnce = atMostOnce;
    this.atLeastOnce = atLeastOnce;
    this.first = first;
  }

  public static <K extends Enum<K>> Builder<K> builder(Class<K> keywords) {
    return new Builder<>(keywords);
  }

  /** The keyword that must open the document, or null. */
  public K first() {
    return first;
  }

  /**
   * Checks the per-keyword counts (indexed by ordinal) after a document was read.
   *
   * @param name maps a keyword to its spelling in the document, for the message
   */
  public void check(int[] counts, java.util.function.Function<K, String> name) throws DescriptorParseException {
    for (K k : exactlyOnce) {
      int c = counts[k.ordinal()];
      if (c != 1) {
        throw new DescriptorParseException(c == 0
            ? "missing required keyword '" + name.apply(k) + "'"
            : "keyword '" + name.apply(k) + "' must appear exactly once, found " + c + " times");
      }
    }
    for (K k : atMostOnce) {
      int c = counts[k.ordinal()];
      if (c > 1) {
        throw new DescriptorParseException(
            "keyword '" + name.apply(k) + "' may appear at most once, found " + c + " times");
      }
    }
    for (K k : atLeastOnce) {
      if (counts[k.ordinal()] == 0) {
        throw new DescriptorParseException("missing required keyword '" + name.apply(k) + "'");
      }
    }
  }

  /** Builder for {@link KeywordRules}. */
  public static final class Builder<K extends Enum<K>> {
    private final Class<K> keywords;
    private final Set<K> exactlyOnce;
    private final Set<K> atMostOnce;
    private final Set<K> atLeastOnce;
    private K first;

    private Builder(Class<K> keywords) {
      this.keywords = keywords;
      exactlyOnce = EnumSet.noneOf(keywords);
      atMostOnce = EnumSet.noneOf(keywords);
      atLeastOnce = EnumSet.noneOf(keywords);
    }

    @SafeVarargs
    public final Builder<K> exactlyOnce(K... ks) {
      exactlyOnce.addAll(Set.of(ks));
      return this;
    }

    @SafeVarargs
    public final Builder<K> atMostOnce(K... ks) {
      atMostOnce.addAll(Set.of(ks));
      return this;
    }

    @SafeVarargs
    public final Builder<K> atLeastOnce(K... ks) {
      atLeastOnce.addAll(Set.of(ks));
      return this;
    }

    public Builder<K> first(K k) {
      first = k;
      return this;
    }

    public KeywordRules<K> build() {
      return new KeywordRules<>(array(exactlyOnce), array(atMostOnce), array(atLeastOnce), first);
    }

    @SuppressWarnings("unchecked")
    private K[] array(Set<K> set) {
      return set.toArray((K[]) java.lang.reflect.Array.newInstance(keywords, 0));
    }
  }
}
