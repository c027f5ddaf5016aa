package org.torspark.descriptor.parse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.torspark.descriptor.DescriptorSource;
import org.torspark.descriptor.DescriptorType;

/**
 * Cuts one file (or tarball entry) into documents. Annotation lines ({@code @type}, tor's
 * {@code @downloaded-at}, ...) end the document before them and are not part of the next one; for
 * concatenated types a line starting with the type's start keyword ({@code router},
 * {@code extra-info}, {@code onion-key}, {@code dir-key-certificate-version}) starts a new
 * document. Status documents, bandwidth files and exit lists fill their file. Splitting looks only
 * at LF, so CRLF, stray CRs and non-ASCII bytes cannot move a boundary.
 */
public final class DocumentSplitter {
  private DocumentSplitter() {}

  /**
   * A document with its resolved type, or a reason it has none.
   *
   * @param annotationName the type name of the {@code @type} annotation, or null
   * @param problem why this document cannot be parsed before even trying (unknown or unsupported
   *     {@code @type}, type not detectable), or null
   */
  public record Piece(Document document, String annotationName, String problem) {}

  /**
   * Splits {@code bytes[0, length)}.
   *
   * @param requested the type the caller asked for, or null to detect
   */
  public static List<Piece> split(byte[] bytes, int length, DescriptorSource source, DescriptorType requested) {
    List<Piece> out = new ArrayList<>();
    String pendingAnnotation = null;
    int pos = 0;
    int lineNo = 0;
    // current document
    int docStart = -1;
    int docLine = 0;
    DescriptorType docType = null;
    String docAnnotation = null;
    String docAnnotationName = null;
    String docProblem = null;
    byte[] startKeyword = null;
    // CollecTor writes the same @type line before every descriptor of a file: the last one's
    // String, where it is in the bytes, and what it resolved to (null if it named no known type),
    // so that the next ones cost a compare.
    String typeLine = null;
    int typeLineStart = 0;
    int typeLineEnd = 0;
    String resolved = null;
    String resolvedName = null;
    DescriptorType resolvedType = null;
    String resolvedProblem = null;
    byte[] resolvedKeyword = null;

    while (pos < length) {
      if (docStart >= 0 && startKeyword != null && startKeyword.length >= 2) {
        // Inside a concatenated document only an annotation or the start keyword can end it:
        // jump to the next line that starts like one, counting the lines passed.
        long found = ByteScan.lineStartingWithEither(bytes, (byte) '@', startKeyword[0], startKeyword[1], pos, length);
        int at = (int) found;
        if (at < 0) {
          break;
        }
        lineNo += (int) (found >>> 32);
        pos = at;
      }
      int lineStart = pos;
      int nl = ByteScan.indexOf(bytes, (byte) '\n', pos, length);
      int lineEnd = nl < 0 ? length : nl;
      pos = nl < 0 ? length : nl + 1;
      lineNo++;
      boolean blank = isBlank(bytes, lineStart, lineEnd);
      if (lineEnd > lineStart && bytes[lineStart] == '@') {
        if (docStart >= 0) {
          out.add(piece(bytes, docStart, lineStart, docLine, docType, docAnnotation, docAnnotationName,
              docProblem, source));
          docStart = -1;
        }
        if (startsWith(bytes, lineStart, lineEnd, "@type ")) {
          if (typeLine == null
              || !Arrays.equals(bytes, lineStart, lineEnd, bytes, typeLineStart, typeLineEnd)) {
            typeLine = new String(bytes, lineStart + 6, lineEnd - lineStart - 6,
                java.nio.charset.StandardCharsets.ISO_8859_1).trim();
            typeLineStart = lineStart;
            typeLineEnd = lineEnd;
          }
          pendingAnnotation = typeLine;
        }
        continue;
      }
      if (docStart < 0) {
        if (blank) {
          continue;
        }
        docStart = lineStart;
        docLine = lineNo;
        docAnnotation = pendingAnnotation;
        pendingAnnotation = null;
        docAnnotationName = null;
        docProblem = null;
        docType = null;
        if (docAnnotation != null && docAnnotation == resolved) {
          docAnnotationName = resolvedName;
          docType = resolvedType;
          docProblem = resolvedProblem;
          startKeyword = resolvedKeyword;
        } else if (docAnnotation != null) {
          int nameEnd = wordEnd(docAnnotation, 0);
          docAnnotationName = docAnnotation.substring(0, nameEnd);
          DescriptorType annotated = DescriptorType.fromName(docAnnotationName).orElse(null);
          if (annotated == null) {
            // CollecTor 1.1.0-1.1.1 labelled exit lists "@type torperf 1.0": trust content then.
            docType = TypeDetector.fromContent(bytes, lineStart, length);
            if (docType == null) {
              docProblem = "unsupported descriptor type '@type " + docAnnotation + "'; supported: "
                  + DescriptorType.names();
            }
          } else {
            docType = annotated;
            int versionStart = nameEnd;
            while (versionStart < docAnnotation.length() && isRegexSpace(docAnnotation.charAt(versionStart))) {
              versionStart++;
            }
            int major = majorVersion(docAnnotation.substring(versionStart, wordEnd(docAnnotation, versionStart)));
            if (major != annotated.majorVersion()) {
              docProblem = "unsupported version in '@type " + docAnnotation + "': this library reads "
                  + annotated.typeName() + " " + annotated.majorVersion() + ".x";
            }
          }
        } else {
          docType = detect(bytes, lineStart, length, source, requested);
          if (docType == null) {
            docProblem = "cannot tell the descriptor type: no @type annotation, first line not"
                + " recognised, file name '" + source.innermostName() + "' not recognised; set the type"
                + " (one of " + DescriptorType.names() + ")";
          }
        }
        if (docAnnotation == null || docAnnotation != resolved) {
          String kw = docType == null || docType.oneDocumentPerFile() ? null : TypeDetector.startKeyword(docType);
          startKeyword = kw == null ? null : TypeDetector.ascii(kw);
          if (docAnnotation != null && DescriptorType.fromName(docAnnotationName).isPresent()) {
            resolved = docAnnotation;
            resolvedName = docAnnotationName;
            resolvedType = docType;
            resolvedProblem = docProblem;
            resolvedKeyword = startKeyword;
          }
        }
        if (startKeyword == null) {
          // A whole-file document (or one of unknown type) ends only at an annotation line: jump
          // there instead of walking megabytes line by line, counting the lines skipped when a
          // document follows (only its line numbers need them).
          int at = ByteScan.lineStartingWith(bytes, (byte) '@', pos, length);
          if (at < 0) {
            pos = length;
          } else {
            lineNo += ByteScan.count(bytes, (byte) '\n', pos, at);
            pos = at;
          }
        }
        continue;
      }
      if (startKeyword != null && lineStart > docStart && isKeywordLine(bytes, lineStart, lineEnd, startKeyword)) {
        out.add(piece(bytes, docStart, lineStart, docLine, docType, docAnnotation, docAnnotationName,
            docProblem, source));
        docStart = lineStart;
        docLine = lineNo;
        docAnnotation = null;
        docAnnotationName = null;
      }
    }
    if (docStart >= 0) {
      out.add(piece(bytes, docStart, length, docLine, docType, docAnnotation, docAnnotationName, docProblem,
          source));
    }
    return out;
  }

  private static DescriptorType detect(byte[] b, int start, int end, DescriptorSource source,
      DescriptorType requested) {
    DescriptorType content = TypeDetector.fromContent(b, start, end);
    DescriptorType byName = TypeDetector.fromFileName(source.entry() != null ? source.entry() : source.file());
    if (content == null) {
      return requested != null ? requested : byName;
    }
    // Sanitised bridge descriptors look like relay ones; the request or the name tells them apart.
    DescriptorType bridgeVariant = bridgeVariant(content);
    if (bridgeVariant != null && (requested == bridgeVariant || (requested == null && byName == bridgeVariant))) {
      return bridgeVariant;
    }
    return content;
  }

  private static DescriptorType bridgeVariant(DescriptorType relay) {
    switch (relay) {
      case SERVER_DESCRIPTOR:
        return DescriptorType.BRIDGE_SERVER_DESCRIPTOR;
      case EXTRA_INFO:
        return DescriptorType.BRIDGE_EXTRA_INFO;
      default:
        return null;
    }
  }

  /**
   * The end of the word starting at {@code from}: the next whitespace as {@code \\s} means it.
   * With the loop after the name, this reads the first two words of the trimmed annotation as
   * {@code split("\\s+")} would, without compiling a regex per document (one per descriptor in
   * CollecTor's files).
   */
  private static int wordEnd(String s, int from) {
    int i = from;
    while (i < s.length() && !isRegexSpace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  /** The characters of the regex class {@code \\s}: space, tab, LF, VT, FF, CR. */
  private static boolean isRegexSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r';
  }

  private static int majorVersion(String version) {
    int dot = version.indexOf('.');
    String major = dot < 0 ? version : version.substring(0, dot);
    try {
      return Integer.parseInt(major.toLowerCase(Locale.ROOT));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static Piece piece(byte[] b, int start, int end, int firstLine, DescriptorType type,
      String annotation, String annotationName, String problem, DescriptorSource source) {
    int e = trimTrailingBlankLines(b, start, end);
    return new Piece(new Document(type, annotation, b, start, e, source, start, firstLine), annotationName, problem);
  }

  /** Keeps the document's last LF but drops blank lines after it. */
  static int trimTrailingBlankLines(byte[] b, int start, int end) {
    int e = end;
    while (e > start) {
      // find start of last line in [start, e)
      int lastNl = e - 1;
      if (b[lastNl] != '\n') {
        return e;
      }
      int prevNl = lastNl - 1;
      while (prevNl >= start && b[prevNl] != '\n') {
        prevNl--;
      }
      if (prevNl < start || !isBlank(b, prevNl + 1, lastNl)) {
        return e;
      }
      e = prevNl + 1;
    }
    return e;
  }

  private static boolean isKeywordLine(byte[] b, int lineStart, int lineEnd, byte[] keyword) {
    int n = keyword.length;
    if (lineEnd - lineStart < n) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (b[lineStart + i] != keyword[i]) {
        return false;
      }
    }
    if (lineEnd - lineStart == n) {
      return true;
    }
    byte after = b[lineStart + n];
    return after == ' ' || after == '\t' || after == '\r';
  }

  private static boolean startsWith(byte[] b, int from, int to, String prefix) {
    if (to - from < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (b[from + i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isBlank(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      byte c = b[i];
      if (c != ' ' && c != '\t' && c != '\r') {
        return false;
      }
    }
    return true;
  }
}
