package org.torspark.descriptor.parse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.torspark.descriptor.ExitAddress;
import org.torspark.descriptor.ExitList;
import org.torspark.descriptor.ExitListEntry;

/**
 * Parses a TorDNSEL exit list: an optional {@code Downloaded} line CollecTor adds, then entries
 * that each start with {@code ExitNode <fingerprint>} and hold exactly one {@code Published}, exactly
 * one {@code LastStatus} and one or more {@code ExitAddress <ip> <time>} lines (stem
 * {@code tordnsel.py}, metrics-lib {@code ExitListEntryImpl}).
 */
final class ExitListParser implements DescriptorParser {

  enum Keyword {
    DOWNLOADED("Downloaded"),
    EXIT_NODE("ExitNode"),
    PUBLISHED("Published"),
    LAST_STATUS("LastStatus"),
    EXIT_ADDRESS("ExitAddress"),
    UNKNOWN("");

    final String word;

    Keyword(String word) {
      this.word = word;
    }

    static Keyword of(String kw) {
      switch (kw) {
        case "Downloaded":
          return DOWNLOADED;
        case "ExitNode":
          return EXIT_NODE;
        case "Published":
          return PUBLISHED;
        case "LastStatus":
          return LAST_STATUS;
        case "ExitAddress":
          return EXIT_ADDRESS;
        default:
          return UNKNOWN;
      }
    }
  }

  static final KeywordRules<Keyword> FILE_RULES = KeywordRules.builder(Keyword.class)
      .atMostOnce(Keyword.DOWNLOADED)
      .build();

  static final KeywordRules<Keyword> ENTRY_RULES = KeywordRules.builder(Keyword.class)
      .first(Keyword.EXIT_NODE)
      .exactlyOnce(Keyword.EXIT_NODE, Keyword.PUBLISHED, Keyword.LAST_STATUS)
      .atLeastOnce(Keyword.EXIT_ADDRESS)
      .build();

  @Override
  public ExitList parse(Document doc) throws DescriptorParseException {
    Lines lines = doc.lines();
    int[] fileCounts = new int[Keyword.values().length];
    Instant downloaded = null;
    List<ExitListEntry> entries = new ArrayList<>();
    List<String> unknownLines = new ArrayList<>(0);
    EntryBuilder entry = null;

    while (lines.next()) {
      String kw = lines.keyword();
      if (kw.isEmpty() && lines.argCount() == 0) {
        continue;
      }
      Keyword k = Keyword.of(kw);
      switch (k) {
        case DOWNLOADED:
          fileCounts[k.ordinal()]++;
          downloaded = lines.timestampArg(0);
          break;
        case EXIT_NODE:
          if (entry != null) {
            entries.add(entry.build());
          }
          entry = new EntryBuilder(lines);
          break;
        case PUBLISHED:
          entryOf(entry, lines).published = lines.timestampArg(0);
          entry.counts[k.ordinal()]++;
          break;
        case LAST_STATUS:
          entryOf(entry, lines).lastStatus = lines.timestampArg(0);
          entry.counts[k.ordinal()]++;
          break;
        case EXIT_ADDRESS:
          EntryBuilder e = entryOf(entry, lines);
          String address = lines.arg(0);
          if (!isAddress(address)) {
            throw lines.fail("'ExitAddress' has a bad IP address '" + address + "'");
          }
          e.exitAddresses.add(new ExitAddress(address, lines.timestampArg(1)));
          e.counts[k.ordinal()]++;
          break;
        default:
          String line = lines.line();
          unknownLines.add(line);
          if (entry != null) {
            entry.unknownLines.add(line);
          }
          break;
      }
    }
    if (entry != null) {
      entries.add(entry.build());
    }
    FILE_RULES.check(fileCounts, key -> key.word);
    if (downloaded == null) {
      downloaded = timeFromFileName(doc.source() == null ? "" : doc.source().innermostName());
    }
    List<ExitListEntry> result = new ArrayList<>(entries.size());
    for (ExitListEntry x : entries) {
      result.add(new ExitListEntry(downloaded, x.fingerprint(), x.published(), x.lastStatus(),
          x.exitAddresses(), x.unknownLines()));
    }
    return new ExitList(downloaded, List.copyOf(result), List.copyOf(unknownLines));
  }

  private static EntryBuilder entryOf(EntryBuilder entry, Lines lines) throws DescriptorParseException {
    if (entry == null) {
      throw lines.fail("'" + lines.keyword() + "' before the first 'ExitNode'");
    }
    return entry;
  }

  /** An entry being read; its counts are checked against {@link #ENTRY_RULES} when it ends. */
  private static final class EntryBuilder {
    final int[] counts = new int[Keyword.values().length];
    final int lineNumber;
    final String line;
    final String fingerprint;
    Instant published;
    Instant lastStatus;
    final List<ExitAddress> exitAddresses = new ArrayList<>(1);
    final List<String> unknownLines = new ArrayList<>(0);

    EntryBuilder(Lines lines) throws DescriptorParseException {
      String fp = lines.arg(0);
      if (!Values.isHex(fp, 40)) {
        throw lines.fail("'ExitNode' needs a 40-hex-digit fingerprint, found '" + fp + "'");
      }
      fingerprint = fp.toUpperCase(Locale.ROOT);
      lineNumber = lines.lineNumber();
      line = lines.line();
      counts[Keyword.EXIT_NODE.ordinal()] = 1;
    }

    ExitListEntry build() throws DescriptorParseException {
      try {
        ENTRY_RULES.check(counts, key -> key.word);
      } catch (DescriptorParseException e) {
        throw new DescriptorParseException("entry 'ExitNode " + fingerprint + "': " + e.getMessage(),
            lineNumber, line);
      }
      return new ExitListEntry(null, fingerprint, published, lastStatus, List.copyOf(exitAddresses),
          List.copyOf(unknownLines));
    }
  }

  /** A dotted-quad IPv4 address, or (should TorDNSEL ever write one) an IPv6 address. */
  static boolean isAddress(String s) {
    if (s.indexOf(':') >= 0) {
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        boolean ok = c == ':' || c == '.' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')
            || (c >= 'A' && c <= 'F');
        if (!ok) {
          return false;
        }
      }
      return s.length() >= 2;
    }
    int parts = 0;
    int i = 0;
    int n = s.length();
    while (i <= n) {
      int value = 0;
      int digits = 0;
      while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9' && digits < 4) {
        value = value * 10 + (s.charAt(i++) - '0');
        digits++;
      }
      if (digits == 0 || digits > 3 || value > 255) {
        return false;
      }
      parts++;
      if (i == n) {
        return parts == 4;
      }
      if (s.charAt(i) != '.' || parts == 4) {
        return false;
      }
      i++;
    }
    return false;
  }

  /**
   * The time in a CollecTor exit-list file name ({@code YYYY-MM-DD-HH-MM-SS}), for files written
   * before CollecTor added the {@code Downloaded} line; null if the name is not one.
   */
  static Instant timeFromFileName(String name) {
    if (name.length() < 19 || (name.length() > 19 && isDigitAt(name, 19))) {
      return null;
    }
    for (int i = 0; i < 19; i++) {
      boolean dash = i == 4 || i == 7 || i == 10 || i == 13 || i == 16;
      if (dash ? name.charAt(i) != '-' : !isDigitAt(name, i)) {
        return null;
      }
    }
    String time = name.substring(11, 13) + ':' + name.substring(14, 16) + ':' + name.substring(17, 19);
    try {
      return Values.timestamp(name.substring(0, 10), time);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static boolean isDigitAt(String s, int i) {
    char c = s.charAt(i);
    return c >= '0' && c <= '9';
  }
}
