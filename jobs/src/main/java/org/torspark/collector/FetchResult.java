package org.torspark.collector;

import java.io.Serializable;

/**
 * What a download task did with one file: fetched (downloaded, verified, published), adopted (a
 * complete copy was already in place and hashed equal), or failed, with the reason. {@code record}
 * is the manifest line for a published or adopted file.
 */
record FetchResult(String path, Status status, long size, int attempts, long bytesTransferred, long millis,
    String error, ManifestRecord record) implements Serializable {

  enum Status { FETCHED, ADOPTED, FAILED }

  int retries() {
    return Math.max(0, attempts - 1);
  }
}
