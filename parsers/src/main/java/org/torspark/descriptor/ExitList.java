package org.torspark.descriptor;

import java.time.Instant;
import java.util.List;
import org.torspark.descriptor.schema.ColumnType;
import org.torspark.descriptor.schema.Table;

/**
 * A TorDNSEL exit list ({@code @type tordnsel 1.0}), one per file: the relays TorDNSEL found
 * exiting, with the addresses they exit from.
 *
 * @param downloaded when CollecTor downloaded the list: its {@code Downloaded} line or, for files
 *     without one, the {@code YYYY-MM-DD-HH-MM-SS} file name; null if neither exists
 * @param entries one per {@code ExitNode}, in file order
 * @param unknownLines every line of the file with an unknown keyword, verbatim
 */
public record ExitList(Instant downloaded, List<ExitListEntry> entries, List<String> unknownLines)
    implements Descriptor {

  /** Row grain: one row per {@code ExitNode} entry. */
  public static final Table<ExitListEntry> TABLE = Table.<ExitListEntry>builder("exit_list")
      .column("downloaded", ColumnType.TIMESTAMP, ExitListEntry::downloaded,
          "The exit list's time: its 'Downloaded' line, else its file name (UTC)")
      .column("fingerprint", ColumnType.STRING, ExitListEntry::fingerprint,
          "Relay fingerprint ('ExitNode'), 40 upper-case hex")
      .column("published", ColumnType.TIMESTAMP, ExitListEntry::published,
          "Publication time of the relay descriptor TorDNSEL used ('Published')")
      .column("last_status", ColumnType.TIMESTAMP, ExitListEntry::lastStatus,
          "When the relay was last seen in a network status ('LastStatus')")
      .structList("exit_addresses", ExitAddress.TABLE, ExitListEntry::exitAddresses,
          "Addresses seen when exiting through the relay, with the test time ('ExitAddress')")
      .column("unknown_lines", ColumnType.STRING_LIST, ExitListEntry::unknownLines,
          "Lines with unknown keywords inside this entry, verbatim")
      .rows(d -> ((ExitList) d).entries())
      .build();

  /** Document grain: one row per exit list file. */
  public static final Table<ExitList> DOCUMENT_TABLE = Table.<ExitList>builder("exit_list_document")
      .column("downloaded", ColumnType.TIMESTAMP, ExitList::downloaded,
          "The exit list's time: its 'Downloaded' line, else its file name (UTC)")
      .column("entry_count", ColumnType.INT, ExitList::entryCount, "Number of 'ExitNode' entries")
      .column("unknown_lines", ColumnType.STRING_LIST, ExitList::unknownLines,
          "Every line with an unknown keyword, verbatim")
      .oneRowPerDescriptor()
      .build();

  public int entryCount() {
    return entries.size();
  }

  @Override
  public DescriptorType type() {
    return DescriptorType.TORDNSEL;
  }
}
