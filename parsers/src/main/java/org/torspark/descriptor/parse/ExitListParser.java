package org.torspark.descriptor.parse;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
    LineArgs args = new LineArgs();
    int[] fileCounts = new int[Keyword.values().length];
    Instant downloaded = null;
    List<EntryBuilder> entries = new ArrayList<>();
    List<String> unknownLines = new ArrayList<>(0);
    EntryBuilder entry = null;

    while (lines.next()) {
      Keyword k = keyword(lines);
      if (k == Keyword.UNKNOWN && lines.keywordIs("") && lines.argCount() == 0) {
        continue;
      }
      switch (k) {
        case DOWNLOADED:
          fileCounts[k.ordinal()]++;
          downloaded = args.on(lines).timestamp(0);
          break;
        case EXIT_NODE:
          if (entry != null) {
            entry.check();
          }
          entry = new EntryBuilder(lines, args.on(lines));
          entries.add(entry);
          break;
        case PUBLISHED:
          entryOf(entry, lines).published = args.on(lines).timestamp(0);
          entry.counts[k.ordinal()]++;
          break;
        case LAST_STATUS:
          entryOf(entry, lines).lastStatus = args.on(lines).timestamp(0);
          entry.counts[k.ordinal()]++;
          break;
        case EXIT_ADDRESS:
          EntryBuilder e = entryOf(entry, lines);
          String address = args.on(lines).string(0);
          if (!isAddress(address)) {
            throw lines.fail("'ExitAddress' has a bad IP address '" + address + "'");
          }
          e.exitAddresses.add(new ExitAddress(address, args.timestamp(1)));
          e.counts[k.ordinal()]++;
          break;
        default:
          String line = lines.line();
          unknownLines.add(line);
          if (entry != null) {
            entry.unknownLines = ServerDescriptorParser.add(entry.unknownLines, line);
          }
          break;
      }
    }
    if (entry != null) {
      entry.check();
    }
    FILE_RULES.check(fileCounts, key -> key.word);
    if (downloaded == null) {
      downloaded = timeFromFileName(doc.source() == null ? "" : doc.source().innermostName());
    }
    ExitListEntry[] result = new ExitListEntry[entries.size()];
    for (int i = 0; i < result.length; i++) {
      result[i] = entries.get(i).build(downloaded);
    }
    return new ExitList(downloaded, List.of(result), List.copyOf(unknownLines));
  }

  /** The keyword of the current line, compared in place: no String per line. */
  private static Keyword keyword(Lines lines) {
    if (lines.keywordIs("ExitAddress")) {
      return Keyword.EXIT_ADDRESS;
    }
    if (lines.keywordIs("ExitNode")) {
      return Keyword.EXIT_NODE;
    }
    if (lines.keywordIs("Published")) {
      return Keyword.PUBLISHED;
    }
    if (lines.keywordIs("LastStatus")) {
      return Keyword.LAST_STATUS;
    }
    if (lines.keywordIs("Downloaded")) {
      return Keyword.DOWNLOADED;
    }
    return Keyword.UNKNOWN;
  }

  private static EntryBuilder entryOf(EntryBuilder entry, Lines lines) throws DescriptorParseException {
    if (entry == null) {
      throw lines.fail("'" + lines.keyword() + "' before the first 'ExitNode'");
    }
    return entry;
  }

  /**
   * An entry being read; its counts are checked against {@link #ENTRY_RULES} when it ends, its
   * record made once the file's time is known.
   */
  private static final class EntryBuilder {
    final int[] counts = new int[Keyword.values().length];
    final byte[] bytes;
    final int lineNumber;
    final int lineStart;
    final int lineEnd;
    final String fingerprint;
    Instant published;
    Instant lastStatus;
    final List<ExitAddress> exitAddresses = new ArrayList<>(1);
    List<String> unknownLines;

    EntryBuilder(Lines lines, LineArgs args) throws DescriptorParseException {
      fingerprint = args.upperHex(0, 40);
      if (fingerprint == null) {
        throw lines.fail("'ExitNode' needs a 40-hex-digit fingerprint, found '" + args.string(0) + "'");
      }
      bytes = lines.buffer();
      lineNumber = lines.lineNumber();
      lineStart = lines.lineStart();
      lineEnd = KeywordIndex.lineEnd(lines);
      counts[Keyword.EXIT_NODE.ordinal()] = 1;
    }

    void check() throws DescriptorParseException {
      try {
        ENTRY_RULES.check(counts, key -> key.word);
      } catch (DescriptorParseException e) {
        throw new DescriptorParseException("entry 'ExitNode " + fingerprint + "': " + e.getMessage(),
            lineNumber, new String(bytes, lineStart, lineEnd - lineStart, StandardCharsets.ISO_8859_1));
      }
    }

    ExitListEntry build(Instant downloaded) {
      return new ExitListEntry(downloaded, fingerprint, published, lastStatus, List.copyOf(exitAddresses),
          unknownLines == null ? List.of() : List.copyOf(unknownLines));
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
