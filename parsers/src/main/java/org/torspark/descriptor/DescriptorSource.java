package org.torspark.descriptor;

/**
 * Where a descriptor came from: the file as the user named it and, for archives, the entry name
 * inside it (null for plain files).
 */
public record DescriptorSource(String file, String entry) {

  public static DescriptorSource ofFile(String file) {
    return new DescriptorSource(file, null);
  }

  public DescriptorSource withEntry(String entryName) {
    return new DescriptorSource(file, entryName);
  }

  /** The file name the splitter and type detector look at: the entry's if any, else the file's. */
  public String innermostName() {
    String name = entry != null ? entry : file;
    if (name == null) {
      return "";
    }
    int slash = name.lastIndexOf('/');
    return slash >= 0 ? name.substring(slash + 1) : name;
  }

  @Override
  public String toString() {
    return entry == null ? String.valueOf(file) : file + "!" + entry;
  }
}
