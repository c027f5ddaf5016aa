package org.torspark.collector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The real fixtures (parsers/src/test/resources/testdata, passed in by surefire as
 * {@code torspark.testdata}) arranged as a CollecTor tree, so the mirror is tested on real bytes in
 * the real layout.
 */
final class TestFixtures {
  private TestFixtures() {}

  static Path testdata() {
    String p = System.getProperty("torspark.testdata", "../parsers/src/test/resources/testdata");
    Path dir = Path.of(p);
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException("fixtures not found at " + dir.toAbsolutePath());
    }
    return dir;
  }

  /** CollecTor path -> fixture path below testdata/. */
  static final Map<String, String> TREE = new LinkedHashMap<>();

  static {
    TREE.put("recent/relay-descriptors/consensuses/2020-02-29-10-00-00-consensus",
        "consensus/2020-02-29-10-00-00-consensus");
    TREE.put("recent/relay-descriptors/consensuses/2020-02-29-11-00-00-consensus",
        "consensus/2020-02-29-11-00-00-consensus");
    TREE.put("recent/relay-descriptors/server-descriptors/2020-02-29-10-05-00-server-descriptors",
        "server-descriptor/2020-02-29-10-05-00-server-descriptors");
    TREE.put("recent/relay-descriptors/extra-infos/2017-07-17-17-20-00-extra-infos",
        "extra-info/2017-07-17-17-20-00-extra-infos");
    TREE.put("recent/relay-descriptors/microdescs/micro/2017-07-17-17-20-00-micro",
        "microdescriptor/2017-07-17-17-20-00-micro");
    TREE.put("recent/relay-descriptors/microdescs/consensus-microdesc/2016-10-02-17-00-00-consensus-microdesc",
        "consensus-microdesc/2016-10-02-17-00-00-consensus-microdesc");
    TREE.put("recent/relay-descriptors/votes/"
        + "2016-09-20-13-00-00-vote-49015F787433103580E3B66A1707A00E60F2D15B-60ADC6BEC262AE921A1037D54C8A3976367DBE87",
        "vote/2016-09-20-13-00-00-vote-49015F787433103580E3B66A1707A00E60F2D15B-"
            + "60ADC6BEC262AE921A1037D54C8A3976367DBE87");
    TREE.put("recent/relay-descriptors/bandwidths/"
        + "2019-05-14-12-35-04-bandwidth-376B05F867C6E06C816DD2FF7A5C7B88D9829D958F0DA2F73BDFFD2C3B49D217",
        "bandwidth-file/2019-05-14-12-35-04-bandwidth-"
            + "376B05F867C6E06C816DD2FF7A5C7B88D9829D958F0DA2F73BDFFD2C3B49D217");
    TREE.put("recent/exit-lists/2016-09-20-13-02-00", "exit-list/2016-09-20-13-02-00");
    TREE.put("recent/bridge-descriptors/server-descriptors/2017-07-17-17-09-00-server-descriptors",
        "bridge-server-descriptor/2017-07-17-17-09-00-server-descriptors");
    TREE.put("recent/bridge-descriptors/extra-infos/2017-07-17-17-09-00-extra-infos",
        "bridge-extra-info/2017-07-17-17-09-00-extra-infos");
    TREE.put("archive/relay-descriptors/consensuses/consensuses-2018-06.tar.xz",
        "collector-tarball/derived-xz/consensuses-2018-06-cropped.tar.xz");
    TREE.put("archive/relay-descriptors/server-descriptors/server-descriptors-2005-12.tar.xz",
        "collector-tarball/derived-xz/server-descriptors-2005-12-cropped.tar.xz");
    TREE.put("archive/relay-descriptors/extra-infos/extra-infos-2019-04.tar.xz",
        "collector-tarball/derived-xz/extra-infos-2019-04-cropped.tar.xz");
    TREE.put("archive/relay-descriptors/microdescs/microdescs-2019-05.tar.xz",
        "collector-tarball/derived-xz/microdescs-2019-05-cropped.tar.xz");
    TREE.put("archive/relay-descriptors/bandwidths/bandwidths-2019-05.tar.xz",
        "collector-tarball/derived-xz/bandwidths-2019-05-cropped.tar.xz");
    TREE.put("archive/relay-descriptors/certs.tar.xz", "collector-tarball/derived-xz/certs-cropped.tar.xz");
    TREE.put("archive/exit-lists/exit-list-2018-11.tar.xz",
        "collector-tarball/derived-xz/exit-list-2018-11-cropped.tar.xz");
    TREE.put("archive/bridge-descriptors/statuses/bridge-statuses-2019-05.tar.xz",
        "collector-tarball/derived-xz/bridge-statuses-2019-05-cropped.tar.xz");
    TREE.put("archive/bridge-descriptors/server-descriptors/bridge-server-descriptors-2019-02.tar.xz",
        "collector-tarball/derived-xz/bridge-server-descriptors-2019-02-cropped.tar.xz");
    TREE.put("archive/bridge-descriptors/extra-infos/bridge-extra-infos-2019-03.tar.xz",
        "collector-tarball/derived-xz/bridge-extra-infos-2019-03-cropped.tar.xz");
  }

  static final Instant MTIME = Instant.parse("2020-03-01T00:00:00Z");

  /** Copies the fixtures into {@code root} in CollecTor's layout and writes its index. */
  static Path buildTree(Path root, String baseUrl) throws IOException {
    for (Map.Entry<String, String> e : TREE.entrySet()) {
      Path target = root.resolve(e.getKey());
      Files.createDirectories(target.getParent());
      Files.copy(testdata().resolve(e.getValue()), target);
      Files.setLastModifiedTime(target, FileTime.from(MTIME));
    }
    IndexWriter.write(root, baseUrl, MTIME);
    return root;
  }

  static long treeBytes() throws IOException {
    long sum = 0;
    for (String f : TREE.values()) {
      sum += Files.size(testdata().resolve(f));
    }
    return sum;
  }

  static String sha256Base64(Path file) throws IOException {
    return sha256Base64(Files.readAllBytes(file));
  }

  static String sha256Base64(byte[] b) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
