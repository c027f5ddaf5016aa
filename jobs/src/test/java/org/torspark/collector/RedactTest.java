package org.torspark.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class RedactTest {
  @Test
  void urlUserinfoIsMasked() {
    assertThat(Redact.text("fetching https://alice:pw@collector.example/index/index.json failed"))
        .isEqualTo("fetching https://***@collector.example/index/index.json failed");
    assertThat(Redact.text("s3a://AKIAXXXX:SECRETSECRET@bucket/collector")).isEqualTo("s3a://***@bucket/collector");
    assertThat(Redact.text("mailto-like text a@b and http://host/x@y")).isEqualTo("mailto-like text a@b and "
        + "http://host/x@y");
  }

  @Test
  void secretKeyValuePairsAreMasked() {
    assertThat(Redact.text("bad fs.s3a.secret.key=abc123/xyz, fs.s3a.access.key: AKIA42 endpoint=http://h"))
        .isEqualTo("bad fs.s3a.secret.key=***, fs.s3a.access.key: *** endpoint=http://h");
    assertThat(Redact.text("password=hunter2")).isEqualTo("password=***");
  }

  @Test
  void messagesAreOneLineWithTheExceptionKind() {
    assertThat(Redact.message(new IOException("first\nsecond"))).isEqualTo("first");
    assertThat(Redact.message(new java.net.SocketTimeoutException("Read timed out")))
        .isEqualTo("SocketTimeoutException: Read timed out");
    assertThat(Redact.message(new IllegalStateException())).isEqualTo("IllegalStateException");
  }
}
