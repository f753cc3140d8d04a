package dev.wirewatch.indexer;

import dev.wirewatch.indexer.group.GroupDirectory;

/**
 * How an indexer gets its partitions.
 *
 * @param groupId the consumer group shared by the instances (null: this instance takes every
 *     partition, with no group)
 * @param endpoint this instance's search URL, told to the other members
 * @param directory where the group's map of members to partitions is kept
 */
public record Membership(String groupId, String endpoint, GroupDirectory directory) {
  /** Every partition of both topics, no group. */
  public static final Membership ALL_PARTITIONS = new Membership(null, null, null);

  public static Membership group(String groupId, String endpoint, GroupDirectory directory) {
    if (groupId == null || groupId.isBlank()) {
      throw new IllegalArgumentException("group id must not be blank");
    }
    return new Membership(groupId, endpoint, directory);
  }

  /** Whether the indexer is a member of a consumer group (else it reads every partition). */
  boolean inGroup() {
    return groupId != null;
  }
}
