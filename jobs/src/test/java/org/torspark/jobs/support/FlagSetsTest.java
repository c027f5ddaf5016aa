package org.torspark.jobs.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

class FlagSetsTest {
  private static final UnsafeProjection TO_UNSAFE =
      UnsafeProjection.create(new DataType[] {DataTypes.createArrayType(DataTypes.StringType)});

  private static GenericArrayData generic(String... flags) {
    return new GenericArrayData(Arrays.stream(flags).map(f -> f == null ? null : UTF8String.fromString(f)).toArray());
  }

  /** The list as a query's rows hold it; the projection reuses its buffer for the next list. */
  private static ArrayData unsafe(String... flags) {
    return TO_UNSAFE.apply(new GenericInternalRow(new Object[] {generic(flags)})).getArray(0);
  }

  private static String text(FlagSets.FlagSet s) {
    return String.join(" ", s.flags().stream().map(UTF8String::toString).toList());
  }

  @Test
  void positionsAreToldFromTheFlagsAsTheSparkColumnsTellThem() {
    FlagSets sets = new FlagSets();
    FlagSets.FlagSet exit = sets.of(unsafe("Exit", "Fast", "Running", "Valid"));
    assertThat(exit.running()).isTrue();
    assertThat(exit.exit()).isTrue();
    assertThat(exit.guard()).isFalse();
    FlagSets.FlagSet badExit = sets.of(unsafe("BadExit", "Exit", "Guard", "Running"));
    assertThat(badExit.exit()).as("BadExit").isFalse();
    assertThat(badExit.guard()).isTrue();
    FlagSets.FlagSet notRunning = sets.of(unsafe("Fast", "Valid"));
    assertThat(notRunning.running()).isFalse();
    // flags are compared as written: case matters, as in array_contains
    assertThat(sets.of(unsafe("running", "exit")).running()).isFalse();
    assertThat(sets.of(unsafe()).running()).isFalse();
  }

  @Test
  void eachDistinctListIsOneSetNumberedInOrderOfAppearance() {
    FlagSets sets = new FlagSets();
    FlagSets.FlagSet a = sets.of(unsafe("Fast", "Running", "Valid"));
    FlagSets.FlagSet b = sets.of(unsafe("Guard", "Running"));
    // the projection's buffer now holds another list: the first set kept copies
    assertThat(text(a)).isEqualTo("Fast Running Valid");
    assertThat(sets.of(unsafe("Fast", "Running", "Valid"))).isSameAs(a);
    assertThat(sets.of(unsafe("Guard", "Running"))).isSameAs(b);
    assertThat(sets.of(unsafe("Running", "Guard"))).as("another order is another list").isNotSameAs(b);
    assertThat(a.id()).isZero();
    assertThat(b.id()).isEqualTo(1);
    assertThat(sets.size()).isEqualTo(3);
    assertThat(sets.get(1)).isSameAs(b);
  }

  @Test
  void listsNotInSparksBinaryFormAreKeyedByTheirElements() {
    FlagSets sets = new FlagSets();
    GenericArrayData list = generic("Running", "Stable");
    FlagSets.FlagSet s = sets.of(list);
    // a row reuses its strings: the set keeps its own
    list.update(1, UTF8String.fromString("Exit"));
    assertThat(text(s)).isEqualTo("Running Stable");
    assertThat(sets.of(generic("Running", "Stable"))).isSameAs(s);
    assertThat(sets.of(list).exit()).isTrue();
    assertThat(sets.of(unsafe("Running", "Stable")).flags()).isEqualTo(s.flags());
  }

  @Test
  void parsedListsAreKeyedByIdentityThenByTheirElements() {
    FlagSets sets = new FlagSets();
    java.util.List<String> shared = Arrays.asList("Exit", "Guard", "Running");
    FlagSets.FlagSet s = sets.of(shared);
    assertThat(text(s)).isEqualTo("Exit Guard Running");
    assertThat(s.exit()).isTrue();
    assertThat(s.guard()).isTrue();
    assertThat(sets.of(shared)).isSameAs(s);
    // another list of the same flags (another document's s line) is the same set
    assertThat(sets.of(new java.util.ArrayList<>(shared))).isSameAs(s);
    FlagSets.FlagSet bad = sets.of(Arrays.asList("BadExit", "Exit", null, "Running", "Running"));
    assertThat(bad.id()).isEqualTo(1);
    assertThat(bad.exit()).as("BadExit").isFalse();
    assertThat(bad.badExit()).isTrue();
    assertThat(text(bad)).as("nulls skipped, repeats kept").isEqualTo("BadExit Exit Running Running");
    assertThat(sets.of(Arrays.asList("Fast", "Valid")).running()).isFalse();
    assertThat(sets.size()).isEqualTo(3);
  }

  @Test
  void nullElementsAreSkippedAndRepeatsKept() {
    FlagSets sets = new FlagSets();
    FlagSets.FlagSet s = sets.of(unsafe("Fast", null, "Running", "Fast"));
    assertThat(text(s)).isEqualTo("Fast Running Fast");
    assertThat(s.running()).isTrue();
    assertThat(unsafe("Fast")).isInstanceOf(UnsafeArrayData.class);
  }
}
