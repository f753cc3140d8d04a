package dev.wirewatch.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The processor keeps exactly-once unless told in so many words to give it up. */
class ProcessorServiceOptionsTest {
  @Test
  void aWeakerGuaranteeIsRefusedUnlessAllowedAndNamedInTheError() {
    assertThatThrownBy(
            () -> ProcessorService.Options.of(Map.of("processing.guarantee", "at_least_once")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("processing.guarantee=at_least_once")
        .hasMessageContaining("--allow-at-least-once");
    assertThat(
            new ProcessorService.Options(
                    Map.of("processing.guarantee", "at_least_once"), true, true)
                .overrides())
        .containsEntry("processing.guarantee", "at_least_once");
  }

  @Test
  void aThreadIsReplacedOnlyForTheKafkaClientsOwnErrors() {
    assertThat(
            ProcessorService.kafkaClientError(
                new org.apache.kafka.streams.errors.StreamsException(
                    "commit failed",
                    new org.apache.kafka.common.errors.InvalidTxnStateException("invalid state"))))
        .isTrue();
    assertThat(
            ProcessorService.kafkaClientError(
                new org.apache.kafka.streams.errors.StreamsException(
                    "process failed", new NullPointerException())))
        .isFalse();
    assertThat(ProcessorService.kafkaClientError(new IllegalStateException("ours"))).isFalse();
  }

  @Test
  void exactlyOnceMayBeRepeatedAndAnythingElseIsNamed() {
    assertThat(
            ProcessorService.Options.of(Map.of("processing.guarantee", "exactly_once_v2"))
                .overrides())
        .hasSize(1);
    assertThat(ProcessorService.Options.of(Map.of("num.stream.threads", "2")).repeatCheck())
        .isTrue();
    assertThatThrownBy(
            () ->
                new ProcessorService.Options(
                    Map.of("processing.guarantee", "exactly_once_beta"), true, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'exactly_once_beta'");
  }
}
