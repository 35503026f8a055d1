package id.go.kalteng.kim.infra.faults;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import id.go.kalteng.kim.infra.faults.ProviderStub.Channel;
import id.go.kalteng.kim.infra.faults.ProviderStub.Send;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The fault-injection suite's parts that need no platform: the checker, the options, the
 * provider stub's two APIs and the report.
 */
class FaultsPartsTests {

	private static final String A = "6281300101";

	private static final String B = "6281300102";

	private static final String C = "6281300103";

	private static Send taken(long seq, Channel channel, String phone) {
		return new Send(seq, channel, phone, "n-" + seq, 200, true, seq, seq);
	}

	@Test
	void tallyCountsLostAndDuplicatedAgainstTheIntendedRecipientsNotThePlatform() {
		Map<String, Channel> expected = Map.of(A, Channel.SMS, B, Channel.SMS, C, Channel.SMS);
		List<Send> sends = List.of(taken(1, Channel.SMS, A), taken(2, Channel.SMS, A), taken(3, Channel.SMS, B),
				new Send(4, Channel.SMS, C, "n-4", 503, false, 4, 4), taken(5, Channel.SMS, "6299999999"));
		Tally tally = Tally.of(expected, (phone) -> phone.startsWith("62813"), sends, Set.of());
		assertThat(tally.intended()).isEqualTo(3);
		assertThat(tally.delivered()).isEqualTo(2);
		assertThat(tally.lost()).isEqualTo(1);
		assertThat(tally.duplicated()).isEqualTo(1);
		assertThat(tally.allowedDuplicates()).isZero();
		assertThat(tally.refused()).isEqualTo(1);
		assertThat(tally.lostExamples()).containsExactly("6281***103");
		assertThat(tally.clean()).isFalse();
	}

	@Test
	void aDuplicateIsAllowedOnlyWhenTheFirstSendWasInFlightAtAKill() {
		Map<String, Channel> expected = Map.of(A, Channel.SMS, B, Channel.SMS);
		List<Send> sends = List.of(taken(1, Channel.SMS, A), taken(2, Channel.SMS, B), taken(3, Channel.SMS, A));
		assertThat(Tally.of(expected, (phone) -> true, sends, Set.of(1L)).clean()).isTrue();
		assertThat(Tally.of(expected, (phone) -> true, sends, Set.of(2L, 3L)).clean()).isFalse();
		List<Send> thrice = List.of(taken(1, Channel.SMS, A), taken(2, Channel.SMS, B), taken(3, Channel.SMS, A),
				taken(4, Channel.SMS, A));
		Tally tally = Tally.of(expected, (phone) -> true, thrice, Set.of(1L));
		assertThat(tally.duplicated()).isEqualTo(2);
		assertThat(tally.allowedDuplicates()).isEqualTo(1);
		assertThat(tally.clean()).isFalse();
	}

	@Test
	void aMessageOnTheWrongChannelOrToANumberNotIntendedFails() {
		Map<String, Channel> expected = Map.of(A, Channel.WHATSAPP, B, Channel.SMS);
		Tally fallbackTwice = Tally.of(expected, (phone) -> true, List.of(taken(1, Channel.WHATSAPP, A),
				taken(2, Channel.WHATSAPP, B), new Send(3, Channel.WHATSAPP, B, "x", 400, false, 3, 3)), Set.of());
		assertThat(fallbackTwice.wrongChannel()).isEqualTo(1);
		assertThat(fallbackTwice.clean()).isFalse();
		Tally right = Tally.of(expected, (phone) -> true, List.of(taken(1, Channel.WHATSAPP, A),
				new Send(2, Channel.WHATSAPP, B, "x", 400, false, 2, 2), taken(3, Channel.SMS, B)), Set.of());
		assertThat(right.clean()).isTrue();
		assertThat(right.refused()).isEqualTo(1);
		Tally stray = Tally.of(expected, (phone) -> true,
				List.of(taken(1, Channel.WHATSAPP, A), taken(2, Channel.SMS, B), taken(3, Channel.SMS, C)), Set.of());
		assertThat(stray.unexpected()).isEqualTo(1);
		assertThat(stray.clean()).isFalse();
	}

	@Test
	void optionsAndTheEnvironment() {
		Map<String, String> env = Map.of("KIM_HOME", "/tmp/h", "KIM_GATEWAY_URL", "http://localhost:1", "KIM_TOKEN_URL",
				"http://localhost:2/oauth2/token", "KIM_KAFKA_BOOTSTRAP", "localhost:3", "KIM_FAULTS_STUB_PORT", "4",
				"KIM_LAUNCHER", "/x/kim", "KIM_NOTIFICATION_LEASE", "30s");
		FaultsSettings quick = FaultsSettings.from(new String[] { "--quick" }, env);
		assertThat(quick.scenarios()).isEqualTo(FaultsSettings.QUICK);
		assertThat(quick.leaseSeconds()).isEqualTo(30);
		assertThat(quick.brokerOutage()).isLessThan(60);
		assertThat(quick.out().startsWith(Path.of("/tmp/h/faults"))).isTrue();
		FaultsSettings full = FaultsSettings.from(new String[] { "--only", "4,5", "--out", "/tmp/o.json" }, env);
		assertThat(full.scenarios()).containsExactly(4, 5);
		assertThat(full.brokerOutage()).isEqualTo(60);
		assertThat(full.databaseOutage()).isEqualTo(120);
		assertThat(full.smsOutage()).isEqualTo(180);
		assertThat(full.groupsPerScenario() * full.members()).isGreaterThanOrEqualTo(2000);
		// scenario 10 only on the cluster, and the cluster only scenario 10
		assertThatIllegalArgumentException()
			.isThrownBy(() -> FaultsSettings.from(new String[] { "--only", "10" }, env));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> FaultsSettings.from(new String[] { "--cluster", "--only", "1" }, env));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> FaultsSettings.from(new String[] { "--only", "11" }, env));
		FaultsSettings cluster = FaultsSettings.from(new String[] { "--cluster" }, env);
		assertThat(cluster.cluster()).isTrue();
		assertThat(cluster.scenarios()).containsExactly(10);
		assertThat(full.cluster()).isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> FaultsSettings.from(new String[] { "--nope" }, env));
		assertThatIllegalArgumentException().isThrownBy(() -> FaultsSettings.from(new String[0], Map.of()));
		assertThat(FaultsSettings.seconds("2m")).isEqualTo(120);
	}

	@Test
	void theStubSpeaksInfobipAndTheCloudApiAndRecordsEverySend() throws Exception {
		try (ProviderStub stub = new ProviderStub(0, 0)) {
			HttpClient http = HttpClient.newHttpClient();
			String base = "http://127.0.0.1:" + stub.port();
			String sms = "{\"messages\":[{\"destinations\":[{\"to\":\"" + A
					+ "\",\"messageId\":\"n-1\"}],\"from\":\"KIM\",\"text\":\"hai\"}]}";
			HttpResponse<String> taken = post(http, base + "/infobip/sms/2/text/advanced", sms);
			assertThat(taken.statusCode()).isEqualTo(200);
			assertThat(taken.body()).contains("\"messageId\":\"n-1\"").contains("PENDING");
			stub.smsFailing(true);
			assertThat(post(http, base + "/infobip/sms/2/text/advanced", sms).statusCode()).isEqualTo(503);
			stub.smsFailing(false);
			stub.notOnWhatsApp(B::equals);
			String whatsApp = "{\"messaging_product\":\"whatsapp\",\"to\":\"%s\",\"type\":\"text\","
					+ "\"biz_opaque_callback_data\":\"n-2\",\"text\":{\"body\":\"hai\"}}";
			HttpResponse<String> unreachable = post(http, base + "/whatsapp/106/messages", whatsApp.formatted(B));
			assertThat(unreachable.statusCode()).isEqualTo(400);
			assertThat(unreachable.body()).contains("131026");
			HttpResponse<String> sent = post(http, base + "/whatsapp/106/messages", whatsApp.formatted(A));
			assertThat(sent.statusCode()).isEqualTo(200);
			assertThat(sent.body()).contains("wamid.");
			assertThat(stub.sends()).extracting(Send::channel, Send::phone, Send::notificationId, Send::accepted)
				.containsExactly(org.assertj.core.groups.Tuple.tuple(Channel.SMS, A, "n-1", true),
						org.assertj.core.groups.Tuple.tuple(Channel.SMS, A, "n-1", false),
						org.assertj.core.groups.Tuple.tuple(Channel.WHATSAPP, B, "n-2", false),
						org.assertj.core.groups.Tuple.tuple(Channel.WHATSAPP, A, "n-2", true));
			assertThat(stub.inFlight(60_000)).hasSize(4);
		}
	}

	private static HttpResponse<String> post(HttpClient http, String uri, String body) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(uri))
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(body))
			.build(), BodyHandlers.ofString());
	}

	@Test
	void theTableSaysWhatFailed() {
		Tally clean = new Tally(2010, 2010, 0, 0, 0, 0, 0, 0, 1, List.of());
		Tally lost = new Tally(2010, 2000, 10, 1, 0, 0, 0, 0, 1, List.of("6281***001"));
		String table = FaultsReport.table(List.of(
				new ScenarioResult(1, "kill", "kill -9, 5 s", 2010, clean, 12.5, List.of(), List.of("note"), null),
				new ScenarioResult(2, "kill", "kill -9, 5 s", 2010, lost, 3.0, List.of("dlq"), List.of(), null)), true);
		assertThat(table).contains("12.5 s")
			.contains("ok")
			.contains("FAILED")
			.contains("10 lost, e.g. 6281***001")
			.contains("1 duplicated, 0 of them allowed")
			.contains("2: dlq")
			.contains("1 failed");
		assertThat(FaultsReport.json(
				List.of(new ScenarioResult(1, "kill", "kill -9, 5 s", 2010, clean, 12.5, List.of(), List.of(), null)),
				true, "t"))
			.contains("\"passed\" : true")
			.contains("\"intended\" : 2010");
	}

	private static ClusterChecks.Group group(String state, Map<String, Set<TopicPartition>> members) {
		return new ClusterChecks.Group(state, members);
	}

	@Test
	void aGroupIsRebalancedWhenOnlyItsSurvivorsHoldEveryPartition() {
		TopicPartition p0 = new TopicPartition("kim.notification.requests", 0);
		TopicPartition p1 = new TopicPartition("kim.notification.requests", 1);
		TopicPartition p2 = new TopicPartition("kim.notification.requests", 2);
		Map<String, ClusterChecks.Group> before = Map.of("notification-service",
				group("Stable", Map.of("a", Set.of(p0, p1), "b", Set.of(p2))), "stream-service-webhooks",
				group("Stable", Map.of("w", Set.of(p0))));
		// b (the killed instance) left, a took its partition; the one-member group is not
		// judged
		Map<String, ClusterChecks.Group> after = Map.of("notification-service",
				group("Stable", Map.of("a", Set.of(p0, p1, p2))));
		assertThat(ClusterChecks.rebalanceProblems(before, after)).isEmpty();
		assertThat(ClusterChecks.describe(before, after))
			.contains("notification-service 2→1 members (Stable), survivors' partitions 2→3");
		// still both members: the killed one's session has not run out
		assertThat(ClusterChecks.rebalanceProblems(before, before)).singleElement()
			.asString()
			.contains("still 2 members");
		// the survivor did not take p2
		assertThat(ClusterChecks.rebalanceProblems(before,
				Map.of("notification-service", group("Stable", Map.of("a", Set.of(p0, p1))))))
			.singleElement()
			.asString()
			.contains("partitions no survivor took");
		// mid-rebalance, or everyone gone
		assertThat(ClusterChecks.rebalanceProblems(before,
				Map.of("notification-service", group("PreparingRebalance", Map.of("a", Set.of(p0, p1, p2))))))
			.singleElement()
			.asString()
			.contains("not stable");
		assertThat(ClusterChecks.rebalanceProblems(before, Map.of())).singleElement()
			.asString()
			.contains("no member left");
	}

	@Test
	void aRecipientRequestedByTwoDistinctEventsIsDoubledButCopiesOfOneAreNot() {
		ClusterChecks.BroadcastEvents events = new ClusterChecks.BroadcastEvents(Set.of("approval-1"), 0, Set.of(),
				Map.of(A, Set.of("e1"), B, Set.of("e2", "e3")), 4);
		assertThat(events.doubledRecipients()).containsExactly("6281***102 ×2");
		assertThat(ClusterChecks.traceId("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
			.isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
		assertThat(ClusterChecks.traceId("garbage")).isNull();
	}

}
