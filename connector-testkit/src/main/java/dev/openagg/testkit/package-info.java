/**
 * The connector test kit: runs an OpenAgg {@link dev.openagg.connector.Connector}'s jobs in memory under the engine's
 * own rules, with expectations on what they come to, so that a connector is tested without a server or a database.
 *
 * <p>{@link dev.openagg.testkit.ConnectorKit} holds the connector, a clock and the members;
 * {@link dev.openagg.testkit.KitMember} is one member, kept across jobs; {@link dev.openagg.testkit.JobRun} is one
 * job, with what to send it and what to expect of it. A test of a bank whose password {@code "otp"} asks for a
 * one-time code:
 *
 * <pre>{@code
 * ConnectorKit kit = ConnectorKit.of(new MyBankConnector());
 *
 * Harvest harvest = kit.start("aggregate", Map.of("LOGIN", "jane", "PASSWORD", "otp"))
 *         .expectChallenge(ChallengeType.TOKEN)
 *         .answer("123456")
 *         .expectConnected();
 * assertEquals(4, harvest.accounts().size());
 *
 * kit.start("aggregate", Map.of("LOGIN", "jane", "PASSWORD", "otp"))
 *         .expectChallenge(ChallengeType.TOKEN)
 *         .advance(Duration.ofMinutes(10))
 *         .expectFailed(ConnectionStatus.EXPIRED);
 * }</pre>
 *
 * <p>Expectations that are not met throw {@link java.lang.AssertionError} with what was expected and what happened,
 * so the kit works with any test framework and needs none.
 */
package dev.openagg.testkit;
