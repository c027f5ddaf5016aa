package org.torspark.descriptor.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.torspark.descriptor.DescriptorType;
import org.torspark.descriptor.KeyCertificate;
import org.torspark.descriptor.NetworkStatus;
import org.torspark.descriptor.ParsedDocument;
import org.torspark.descriptor.schema.Tables.Grain;
import org.torspark.testing.Fixtures;

/** The column contract of the status and certificate tables, and how documents become rows. */
class StatusTablesTest {
  private static final List<String> ENTRY_COLUMNS = List.of("nickname", "fingerprint", "digest",
      "microdescriptor_digest", "published", "address", "or_port", "dir_port", "or_addresses", "flags", "version",
      "proto", "bandwidth", "measured", "unmeasured", "exit_policy", "unknown_lines");

  private static List<String> names(Table<?> t) {
    return t.columns().stream().map(Column::name).toList();
  }

  private static Object value(Table<?> table, Object row, String column) {
    @SuppressWarnings("unchecked")
    Column<Object> c = (Column<Object>) table.column(column);
    assertThat(c).as(column).isNotNull();
    return c.get(row);
  }

  private static NetworkStatus read(String path) {
    List<ParsedDocument> docs = Fixtures.read(path, null);
    return (NetworkStatus) docs.get(0).descriptor();
  }

  @Test
  void consensusRowColumns() {
    for (DescriptorType t : List.of(DescriptorType.NETWORK_STATUS_CONSENSUS_3,
        DescriptorType.NETWORK_STATUS_MICRODESC_CONSENSUS_3)) {
      assertThat(names(Tables.forType(t, Grain.ROW))).startsWith("valid_after", "flavor", "consensus_method")
          .containsAll(ENTRY_COLUMNS).doesNotContain("status_published", "ed25519_id");
    }
  }

  @Test
  void voteRowColumns() {
    assertThat(names(Tables.forType(DescriptorType.NETWORK_STATUS_VOTE_3, Grain.ROW)))
        .startsWith("valid_after", "authority_nickname", "authority_fingerprint")
        .containsAll(ENTRY_COLUMNS).contains("ed25519_id", "microdescriptor_hashes", "stats");
  }

  @Test
  void bridgeRowsCarryTheStatusTimeAsStatusPublished() {
    Table<?> t = Tables.forType(DescriptorType.BRIDGE_NETWORK_STATUS, Grain.ROW);
    assertThat(DescriptorType.BRIDGE_NETWORK_STATUS.timeColumn()).isEqualTo("status_published");
    assertThat(names(t)).startsWith("status_published", "authority_fingerprint").containsAll(ENTRY_COLUMNS)
        .doesNotContain("valid_after");
    NetworkStatus b = read("bridge-network-status/single/bridge_network_status");
    List<?> rows = t.rowsOf(b);
    assertThat(rows).hasSize(4);
    assertThat(value(t, rows.get(0), "status_published")).isEqualTo(Instant.parse("2012-06-01T04:07:04Z"));
    assertThat(value(t, rows.get(0), "published")).isEqualTo(Instant.parse("2012-05-31T15:57:00Z"));
  }

  @Test
  void everyStatusTypeHasItsTimeColumnInBothGrains() {
    for (DescriptorType t : List.of(DescriptorType.NETWORK_STATUS_CONSENSUS_3,
        DescriptorType.NETWORK_STATUS_MICRODESC_CONSENSUS_3, DescriptorType.NETWORK_STATUS_VOTE_3,
        DescriptorType.BRIDGE_NETWORK_STATUS)) {
      assertThat(Tables.hasDocumentGrain(t)).isTrue();
      assertThat(Tables.forType(t, Grain.ROW).column(t.timeColumn())).as(t + " row").isNotNull();
      assertThat(Tables.forType(t, Grain.DOCUMENT).column(t.timeColumn())).as(t + " document").isNotNull();
      assertThat(Tables.forType(t, Grain.ROW).column(t.timeColumn()).type()).isEqualTo(ColumnType.TIMESTAMP);
    }
  }

  @Test
  void consensusRowsAreEntriesWithTheDocumentTimeAttached() {
    NetworkStatus s = read("consensus/cropped/2017-07-17-17-00-00-consensus");
    Table<?> t = Tables.forType(DescriptorType.NETWORK_STATUS_CONSENSUS_3, Grain.ROW);
    List<?> rows = t.rowsOf(s);
    assertThat(rows).hasSize(s.entryCount()).hasSize(5);
    for (int i = 0; i < rows.size(); i++) {
      assertThat(value(t, rows.get(i), "valid_after")).isEqualTo(Instant.parse("2017-07-17T17:00:00Z"));
      assertThat(value(t, rows.get(i), "flavor")).isEqualTo("ns");
      assertThat(value(t, rows.get(i), "consensus_method")).isEqualTo(26);
      assertThat(value(t, rows.get(i), "fingerprint")).isEqualTo(s.entries().get(i).fingerprint());
    }
    assertThat(value(t, rows.get(0), "or_port")).isInstanceOf(Integer.class);
    assertThat(value(t, rows.get(0), "bandwidth")).isInstanceOf(Long.class);
  }

  @Test
  void documentTablesHaveOneRowPerDocument() {
    NetworkStatus s = read("consensus/2020-02-29-10-00-00-consensus");
    Table<?> t = Tables.forType(DescriptorType.NETWORK_STATUS_CONSENSUS_3, Grain.DOCUMENT);
    assertThat(names(t)).contains("valid_after", "fresh_until", "valid_until", "flavor", "vote_status",
        "consensus_method", "vote_seconds", "dist_seconds", "client_versions", "server_versions", "known_flags",
        "params", "recommended_client_protocols", "required_relay_protocols", "shared_rand_previous_value",
        "shared_rand_current_value", "authorities", "bandwidth_weights", "signature_count", "signature_algorithms",
        "signatures", "entry_count", "unknown_lines");
    List<?> rows = t.rowsOf(s);
    assertThat(rows).singleElement();
    assertThat(value(t, rows.get(0), "entry_count")).isEqualTo(6433);
    assertThat(value(t, rows.get(0), "signature_count")).isEqualTo(8);
    assertThat(value(t, rows.get(0), "signature_algorithms")).isEqualTo(List.of("sha1"));
    assertThat(t.column("authorities").type()).isEqualTo(ColumnType.STRUCT_LIST);
    assertThat(t.column("authorities").nested().column("vote_digest")).isNotNull();
  }

  @Test
  void voteDocumentTableExposesTheEmbeddedCertificate() {
    Table<?> t = Tables.forType(DescriptorType.NETWORK_STATUS_VOTE_3, Grain.DOCUMENT);
    assertThat(names(t)).contains("published", "consensus_methods", "flag_thresholds", "bandwidth_file_headers",
        "bandwidth_file_digest", "key_certificate", "authority_fingerprint").doesNotContain("bandwidth_weights");
    Column<?> cert = t.column("key_certificate");
    assertThat(cert.type()).isEqualTo(ColumnType.STRUCT);
    assertThat(names(cert.nested())).contains("fingerprint", "dir_key_published", "dir_key_expires");
    NetworkStatus v = read("vote/cropped/metrics_vote");
    Object certificate = value(t, t.rowsOf(v).get(0), "key_certificate");
    assertThat(((KeyCertificate) certificate).fingerprint()).isEqualTo("14C131DFC5C6F93646BE72FA1401C02A8DF2E8B4");
  }

  @Test
  void bridgeDocumentTable() {
    Table<?> t = Tables.forType(DescriptorType.BRIDGE_NETWORK_STATUS, Grain.DOCUMENT);
    assertThat(names(t)).containsExactly("status_published", "authority_fingerprint", "flag_thresholds",
        "entry_count", "unknown_lines");
  }

  @Test
  void keyCertificateTable() {
    Table<?> t = Tables.forType(DescriptorType.DIR_KEY_CERTIFICATE_3, Grain.ROW);
    assertThat(names(t)).startsWith("fingerprint", "dir_address", "dir_key_published", "dir_key_expires", "version")
        .contains("dir_signing_key_digest", "unknown_lines");
    assertThat(t.column(DescriptorType.DIR_KEY_CERTIFICATE_3.timeColumn())).isNotNull();
    assertThatThrownBy(() -> Tables.forType(DescriptorType.DIR_KEY_CERTIFICATE_3, Grain.DOCUMENT))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everyColumnValueHasTheJavaClassItsTypePromises() {
    NetworkStatus s = read("vote/cropped/2017-07-17-17-00-00-vote-0232AF901C31A04EE9848595AF9BB7620D4C5B2E-"
        + "6C2F5B0D52DFB3E4CA3DDEEAD690CC563CAF0601");
    for (Grain g : Grain.values()) {
      Table<?> t = Tables.forType(DescriptorType.NETWORK_STATUS_VOTE_3, g);
      for (Object row : t.rowsOf(s)) {
        for (Column<?> c : t.columns()) {
          Object v = value(t, row, c.name());
          if (v == null) {
            continue;
          }
          Class<?> expected = switch (c.type()) {
            case STRING -> String.class;
            case INT -> Integer.class;
            case LONG -> Long.class;
            case DOUBLE -> Double.class;
            case BOOLEAN -> Boolean.class;
            case TIMESTAMP -> Instant.class;
            case STRING_LIST, INT_LIST, LONG_LIST, DOUBLE_LIST, STRUCT_LIST -> List.class;
            case STRING_MAP, LONG_MAP, DOUBLE_MAP, STRING_LIST_MAP -> java.util.Map.class;
            case STRUCT -> Object.class;
          };
          assertThat(v).as(g + " " + c.name()).isInstanceOf(expected);
        }
      }
    }
  }
}
