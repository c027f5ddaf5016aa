package org.torspark.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The corruptions the mutation tests feed the reader and the parsers: the damage real files show
 * (cut short, bytes lost or garbled) and the edge cases a parser must refuse cleanly (lines
 * dropped, repeated, swapped or cut, a keyword in the wrong place, arguments that are junk, huge
 * numbers, stray object delimiters). Deterministic for a given random source.
 */
public final class Mutator {
  private Mutator() {}

  /** One kind of corruption. */
  public enum Edit {
    /** The file ends early, anywhere. */
    TRUNCATE,
    /** One byte becomes any byte. */
    REPLACE_BYTE,
    /** One byte becomes a delimiter, digit or other byte parsers look at. */
    REPLACE_BYTE_INTERESTING,
    INSERT_BYTE,
    DELETE_BYTE,
    /** Up to 40 bytes vanish. */
    DELETE_RUN,
    /** Up to 200 bytes stand twice. */
    DUPLICATE_RUN,
    DELETE_LINE,
    /** A line is copied to another place (a keyword repeated out of place). */
    DUPLICATE_LINE,
    /** Two lines anywhere trade places. */
    SWAP_LINES,
    /** A line trades places with the next (order rules). */
    SWAP_ADJACENT_LINES,
    /** A line loses its end, keeping its keyword. */
    CUT_LINE,
    /** A line's keyword becomes another line's keyword, so its arguments meet the wrong rules. */
    SWAP_KEYWORD,
    /** One argument of a line becomes junk of a plausible kind (bad date, huge number, ...). */
    JUNK_ARGUMENT,
    /** All arguments of a line become a few pieces of junk. */
    JUNK_ARGUMENTS;

    private static final Edit[] ALL = values();
  }

  /** Bytes that delimit, quote or start something in the descriptor formats. */
  private static final byte[] INTERESTING =
      " \t\r\n=-+/:,.()[]$~?<>@0123456789AZaz\u00fe\u00ff\u0000".getBytes(StandardCharsets.ISO_8859_1);

  /** Arguments that are wrong in the ways parsers trip over. */
  private static final String[] JUNK = {
      "", "x", "-1", "0", "1", "1-", "99999999999999999999", "2147483648", "-2147483649",
      "9223372036854775808", "1e309", "NaN", "2019-13-45", "2020-02-30", "25:61:61", "25:00:00",
      "=", "a=b", "a=b=c", "k=v,k", "1,,2", ",", "$", "[::", "[::1]:80", "*:*", "(900", "s)",
      "\u00ff\u00fe", "\r", "-----BEGIN X-----", "-----END X-----"};

  /** One to three edits of any kind; a compressed input only gets cut or garbled (an edit of its text would not decompress). */
  public static byte[] mutate(byte[] in, SplittableRandom r) {
    if (isXz(in)) {
      return apply(r.nextBoolean() ? Edit.TRUNCATE : Edit.REPLACE_BYTE, in, r);
    }
    byte[] b = in;
    for (int edits = 1 + r.nextInt(3); edits > 0; edits--) {
      b = apply(Edit.ALL[r.nextInt(Edit.ALL.length)], b, r);
    }
    return b;
  }

  /** Applies one edit at a random place; an empty input gets one interesting byte. */
  public static byte[] apply(Edit edit, byte[] b, SplittableRandom r) {
    if (b.length == 0) {
      return new byte[] {interesting(r)};
    }
    int at = r.nextInt(b.length);
    switch (edit) {
      case TRUNCATE:
        return Arrays.copyOf(b, at);
      case REPLACE_BYTE:
      case REPLACE_BYTE_INTERESTING: {
        byte[] out = b.clone();
        out[at] = edit == Edit.REPLACE_BYTE ? (byte) r.nextInt(256) : interesting(r);
        return out;
      }
      case INSERT_BYTE: {
        byte[] out = new byte[b.length + 1];
        System.arraycopy(b, 0, out, 0, at);
        out[at] = interesting(r);
        System.arraycopy(b, at, out, at + 1, b.length - at);
        return out;
      }
      case DELETE_BYTE:
      case DELETE_RUN: {
        int len = edit == Edit.DELETE_BYTE ? 1 : Math.min(b.length - at, 1 + r.nextInt(40));
        byte[] out = new byte[b.length - len];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(b, at + len, out, at, b.length - at - len);
        return out;
      }
      case DUPLICATE_RUN: {
        int len = Math.min(b.length - at, 1 + r.nextInt(200));
        byte[] out = new byte[b.length + len];
        System.arraycopy(b, 0, out, 0, at + len);
        System.arraycopy(b, at, out, at + len, b.length - at);
        return out;
      }
      default:
        return editLines(edit, b, r);
    }
  }

  private static byte[] editLines(Edit edit, byte[] b, SplittableRandom r) {
    List<String> lines = new ArrayList<>(Arrays.asList(new String(b, StandardCharsets.ISO_8859_1).split("\n", -1)));
    int i = r.nextInt(lines.size());
    int j = r.nextInt(lines.size());
    String line = lines.get(i);
    int space = line.indexOf(' ');
    switch (edit) {
      case DELETE_LINE -> lines.remove(i);
      case DUPLICATE_LINE -> lines.add(j, line);
      case SWAP_LINES -> {
        lines.set(i, lines.get(j));
        lines.set(j, line);
      }
      case SWAP_ADJACENT_LINES -> {
        if (i + 1 < lines.size()) {
          lines.set(i, lines.get(i + 1));
          lines.set(i + 1, line);
        }
      }
      case CUT_LINE -> lines.set(i, line.substring(0, r.nextInt(line.length() + 1)));
      case SWAP_KEYWORD -> {
        String other = lines.get(j);
        int otherSpace = other.indexOf(' ');
        String keyword = otherSpace < 0 ? other : other.substring(0, otherSpace);
        lines.set(i, keyword + (space < 0 ? "" : line.substring(space)));
      }
      case JUNK_ARGUMENT -> {
        String[] parts = line.split(" ", -1);
        if (parts.length > 1) {
          parts[1 + r.nextInt(parts.length - 1)] = JUNK[r.nextInt(JUNK.length)];
        }
        lines.set(i, String.join(" ", parts));
      }
      case JUNK_ARGUMENTS -> {
        StringBuilder sb = new StringBuilder(space < 0 ? line : line.substring(0, space)).append(' ');
        for (int n = 1 + r.nextInt(4); n > 0; n--) {
          sb.append(JUNK[r.nextInt(JUNK.length)]).append(r.nextBoolean() ? " " : "");
        }
        lines.set(i, sb.toString());
      }
      default -> throw new IllegalArgumentException("not a line edit: " + edit);
    }
    return String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte interesting(SplittableRandom r) {
    return INTERESTING[r.nextInt(INTERESTING.length)];
  }

  private static boolean isXz(byte[] b) {
    return b.length > 2 && (b[0] & 0xff) == 0xFD && b[1] == '7';
  }
}
