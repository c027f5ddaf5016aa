package org.torspark.source;

import java.io.Serializable;
import java.util.List;
import org.torspark.descriptor.ParsedDocument;

/**
 * Turns one parsed document (or error record) of a file into output records. It runs on an
 * executor's parse pool while the document still owns its bytes, so it must build only local state
 * (several documents are mapped at once).
 */
@FunctionalInterface
public interface DocumentFunction<T> extends Serializable {
  List<T> apply(String file, ParsedDocument document) throws Exception;
}
