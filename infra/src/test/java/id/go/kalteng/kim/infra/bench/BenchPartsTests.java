package id.go.kalteng.kim.infra.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import id.go.kalteng.kim.infra.bench.BenchResult.Row;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BenchPartsTests {

	@Test
	void theRosterHasTheDocumentedHeaderAndOneRowPerMemberWithNumbersUniqueInTheRun() {
		String csv = RosterCsv.roster(42, 7, 30);
		List<String> lines = csv.lines().toList();
		assertThat(lines.get(0)).isEqualTo("nama;no_hp;jenis_kelamin;kelompok_usia;pekerjaan;jabatan;whatsapp");
		assertThat(lines).hasSize(31);
		assertThat(lines.get(1)).isEqualTo("Warga Uji 7-0;0813042000700;L;Dewasa;Petani;;ya");
		assertThat(lines.subList(1, 31)).allSatisfy((line) -> assertThat(line.split(";", -1)).hasSize(7));
		Set<String> phones = new HashSet<>();
		for (int group = 0; group < 3334; group++) {
			for (int member = 0; member < 30; member++) {
				phones.add(RosterCsv.phone(42, group, member));
			}
		}
		assertThat(phones).hasSize(100_020).allSatisfy((phone) -> assertThat(phone).matches("0813\\d{9}"));
	}

	@Test
	void aRosterOutsideItsBoundsIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> RosterCsv.roster(1, 10_000, 30));
		assertThatIllegalArgumentException().isThrownBy(() -> RosterCsv.roster(1, 1, 100));
		assertThatIllegalArgumentException().isThrownBy(() -> RosterCsv.roster(1000, 1, 30));
	}

	@Test
	void aRatioIsPlatformOverBaselineAndAbsentWithoutABaseline() {
		assertThat(BenchResult.ratio(890, 53_900)).isCloseTo(0.0165, org.assertj.core.data.Offset.offset(0.0001));
		assertThat(BenchResult.ratio(10, 0)).isNull();
		assertThat(BenchResult.ratio(10, Double.NaN)).isNull();
		assertThat(BenchResult.perSecond(3000, 3_400_000_000L)).isCloseTo(882.35,
				org.assertj.core.data.Offset.offset(0.01));
		assertThat(BenchResult.perSecond(5, 0)).isZero();
	}

	@Test
	void theP99IsTheNearestRank() {
		long[] values = new long[100];
		Arrays.setAll(values, (i) -> i + 1);
		assertThat(BenchResult.percentile(values, 99)).isEqualTo(99);
		assertThat(BenchResult.percentile(new long[] { 5 }, 99)).isEqualTo(5);
		assertThat(BenchResult.percentile(new long[] { 1, 2, 3, 1000 }, 99)).isEqualTo(1000);
	}

	@Test
	void theProducerPerformanceSummaryGivesItsRecordsPerSecond() {
		assertThat(KimBench.producerRate(
				"200000 records sent, 53900.4 records/sec (26.32 MB/sec), 450.1 ms avg latency, 900.0 ms max latency, 400 ms 50th"))
			.isEqualTo(53900.4);
		assertThatIllegalArgumentException().isThrownBy(() -> KimBench.producerRate("nothing here"));
	}

	@Test
	void theTableAndTheJsonCarryTheSameFiguresAndTheRawNumbers() {
		BenchResult result = new BenchResult("2026-12-01T07:00:00Z", "gateway http://localhost:8080", 334, 30, 100, 60,
				0,
				List.of(Row.compared("P1 fan-out", 890, 53_900, "recipients/s", "approval -> requests")
					.withRaw(KimBench.ordered("requests", 3000, "seconds", 3.37)),
						Row.notMeasured("P3 throttled", "n/a (no throttle counter)"),
						Row.single("projection catch-up", 50.04, "s", "10020 joins")));
		String table = BenchReport.table(result);
		assertThat(table).contains(
				"334 groups x 30 members = 10,020 joins; P1/P2 SMS broadcast to 3,000, P3 WhatsApp broadcast to 1,800")
			.containsPattern("P1 fan-out\\s+890\\s+53,900\\s+recipients/s\\s+1\\.7 %")
			.containsPattern("P3 throttled\\s+-\\s+-\\s+-\\s+n/a \\(no throttle counter\\)")
			.containsPattern("projection catch-up\\s+50\\.0\\s+-\\s+s\\s+-");
		JsonNode json = JsonMapper.builder().build().readTree(BenchReport.json(result));
		assertThat(json.get("joins").asInt()).isEqualTo(10_020);
		assertThat(json.get("recipients").asInt()).isEqualTo(3000);
		assertThat(json.get("pacingRecipients").asInt()).isEqualTo(1800);
		assertThat(json.at("/results/P1 fan-out/ratio").asDouble()).isCloseTo(890.0 / 53_900,
				org.assertj.core.data.Offset.offset(1e-9));
		assertThat(json.at("/results/P1 fan-out/raw/requests").asInt()).isEqualTo(3000);
		assertThat(json.at("/results/P1 fan-out/raw/seconds").asDouble()).isEqualTo(3.37);
		assertThat(json.at("/results/P3 throttled/platform").isNull()).isTrue();
		assertThat(json.at("/results/P3 throttled/ratio").isNull()).isTrue();
	}

	@Test
	void theDefaultRunRegistersTenThousandJoinsBroadcastsToThreeThousandAndPacesAtLeastTwentySecondsOfWhatsApp() {
		BenchSettings settings = BenchSettings.from(new String[0], Map.of());
		assertThat(settings.joins()).isGreaterThanOrEqualTo(10_000);
		assertThat(settings.recipients()).isEqualTo(3000);
		assertThat(settings.pacingRecipients()).isGreaterThanOrEqualTo(20 * 80);
		assertThat(settings.whatsappLimit()).isEqualTo(80);
		assertThat(settings.large()).isFalse();
		BenchSettings small = BenchSettings.from(new String[] { "--small" }, Map.of());
		assertThat(small.joins()).isEqualTo(300);
		assertThat(small.recipients()).isEqualTo(300);
		assertThat(small.pacingRecipients()).isEqualTo(300);
		BenchSettings large = BenchSettings.from(new String[] { "--large" }, Map.of());
		assertThat(large.large()).isTrue();
		assertThat(large.largeGroups() * large.members()).isGreaterThanOrEqualTo(100_000);
		assertThat(large.groups() + large.largeGroups()).isLessThanOrEqualTo(BenchSettings.MAX_GROUPS + 1);
	}

	@Test
	void theSizeAndTheTargetComeFromTheCommandLineAndTheEnvironment() {
		BenchSettings settings = BenchSettings.from(new String[] { "--groups", "10", "--out", "x.json" },
				Map.of("KIM_GATEWAY_URL", "http://localhost:18080", "KIM_NOTIFICATION_URL", "http://localhost:18084",
						"KIM_HOME", "/tmp/k", "KIM_NOTIFICATION_WHATSAPP_PER_SECOND", "40"));
		assertThat(settings.recipients()).isEqualTo(300);
		assertThat(settings.pacingRecipients()).isEqualTo(300);
		assertThat(settings.gateway()).hasToString("http://localhost:18080");
		assertThat(settings.services()).containsEntry("notification-service", URI.create("http://localhost:18084"))
			.containsKeys("group-service", "activity-service", "dissemination-service", "gateway");
		assertThat(settings.whatsappLimit()).isEqualTo(40);
		assertThat(settings.out()).isEqualTo(Path.of("x.json"));
		assertThat(settings.producerRecords()).isEqualTo(200_000);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchSettings.from(new String[] { "--groups", "0" }, Map.of()))
			.withMessageContaining("--groups");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchSettings.from(new String[] { "--members" }, Map.of()));
		assertThatIllegalArgumentException()
			.isThrownBy(
					() -> BenchSettings.from(new String[] { "--groups", "50", "--broadcast-groups", "51" }, Map.of()))
			.withMessageContaining("--broadcast-groups");
	}

	private static final String NOTIFICATION_SCRAPE = """
			# HELP mongodb_driver_commands_seconds Timer of mongodb commands
			# TYPE mongodb_driver_commands_seconds summary
			mongodb_driver_commands_seconds_count{application="notification-service",cluster_id="6",collection="notifications",command="find",server_address="localhost:57017",status="SUCCESS"} %d
			mongodb_driver_commands_seconds_sum{application="notification-service",cluster_id="6",collection="notifications",command="find",server_address="localhost:57017",status="SUCCESS"} 1.5
			mongodb_driver_commands_seconds_count{application="notification-service",cluster_id="6",collection="notifications",command="find",server_address="localhost:57017",status="FAILED"} 1
			mongodb_driver_commands_seconds_count{application="notification-service",cluster_id="6",collection="opt_outs",command="aggregate",server_address="localhost:57017",status="SUCCESS"} %d
			jvm_memory_used_bytes{application="notification-service",area="heap",id="eden space"} %d
			jvm_memory_used_bytes{application="notification-service",area="heap",id="tenured gen"} 50000000
			jvm_memory_used_bytes{application="notification-service",area="nonheap",id="Metaspace"} 90000000
			jvm_memory_max_bytes{application="notification-service",area="heap",id="eden space"} 50000000
			jvm_memory_max_bytes{application="notification-service",area="heap",id="tenured gen"} 150000000
			jvm_memory_max_bytes{application="notification-service",area="nonheap",id="CodeHeap"} -1
			label_with_escapes{note="a \\"quoted\\", comma"} 7 1700000000000
			""";

	private static PrometheusText scrape(int finds, int aggregates, int eden) {
		return PrometheusText.parse(NOTIFICATION_SCRAPE.formatted(finds, aggregates, eden));
	}

	@Test
	void aPrometheusScrapeSumsSamplesByNameAndLabels() {
		PrometheusText scrape = scrape(100, 40, 20_000_000);
		assertThat(scrape.sum("mongodb_driver_commands_seconds_count", Map.of())).contains(141.0);
		assertThat(scrape.sum("mongodb_driver_commands_seconds_count", Map.of("collection", "notifications")))
			.contains(101.0);
		assertThat(scrape.sum("jvm_memory_used_bytes", Map.of("area", "heap"))).contains(70_000_000.0);
		assertThat(scrape.sum("jvm_memory_max_bytes", Map.of())).as("-1 (undefined) does not count")
			.contains(200_000_000.0);
		assertThat(scrape.sum("kim_sandbox_throttled_total", Map.of())).isEmpty();
		assertThat(scrape.samples()).anySatisfy((sample) -> {
			assertThat(sample.labels()).containsEntry("note", "a \"quoted\", comma");
			assertThat(sample.value()).isEqualTo(7);
		});
		assertThat(scrape.sumBy("mongodb_driver_commands_seconds_count", RoundTrips::key))
			.containsEntry("find notifications", 101.0)
			.containsEntry("aggregate opt_outs", 40.0);
	}

	@Test
	void roundTripsPerMessageAreEachServicesCommandIncreaseOverTheMessagesDelivered() {
		Map<String, PrometheusText> before = new java.util.LinkedHashMap<>();
		before.put("notification-service", scrape(100, 40, 1));
		before.put("group-service", scrape(10, 0, 1));
		before.put("gateway", PrometheusText.parse("jvm_memory_used_bytes{area=\"heap\"} 5\n"));
		before.put("activity-service", null);
		Map<String, PrometheusText> after = new java.util.LinkedHashMap<>();
		after.put("notification-service", scrape(1100, 540, 1));
		after.put("group-service", scrape(310, 0, 1));
		after.put("gateway", PrometheusText.parse("jvm_memory_used_bytes{area=\"heap\"} 5\n"));
		after.put("activity-service", null);
		List<Row> rows = RoundTrips.rows(before, after, 100);
		assertThat(rows).extracting(Row::name)
			.containsExactly("DB trips notification-service", "DB trips group-service", "DB trips total");
		assertThat(rows.get(0).platform()).isEqualTo(15.0);
		assertThat(rows.get(0).note()).contains("1500 commands / 100 messages")
			.contains("find notifications 10.00, aggregate opt_outs 5.00");
		assertThat(rows.get(0).raw()).containsEntry("commands", 1500.0);
		assertThat(rows.get(1).platform()).isEqualTo(3.0);
		assertThat(rows.get(2).platform()).isEqualTo(18.0);
		assertThat(rows.get(2).note()).contains("1800 commands / 100 messages")
			.contains("no /actuator/prometheus answer from activity-service");
		assertThat(RoundTrips.rows(before, after, 0).get(0).platform()).isNull();
	}

	@Test
	void throttlingAnswersAreTheCountersIncreaseAndNotAvailableWithoutTheCounterNeverAMadeUpZero() {
		PrometheusText without = scrape(1, 1, 1);
		Row absent = KimBench.throttled(without, without);
		assertThat(absent.platform()).isNull();
		assertThat(absent.note()).isEqualTo("n/a (no throttle counter)");
		PrometheusText before = PrometheusText.parse("kim_sandbox_throttled_total{channel=\"WHATSAPP\"} 3.0\n");
		PrometheusText after = PrometheusText.parse(
				"kim_sandbox_throttled_total{channel=\"WHATSAPP\"} 5.0\nkim_sandbox_throttled_total{channel=\"SMS\"} 1.0\n");
		assertThat(KimBench.throttled(before, after).platform()).isEqualTo(3.0);
		assertThat(KimBench.throttled(without, PrometheusText.parse("kim_sandbox_throttled_total 0.0\n")).platform())
			.as("a counter registered only when first used starts from 0")
			.isZero();
		assertThat(KimBench.throttled(null, null).platform()).isNull();
	}

	@Test
	void pacingIsTheRateBetweenTheFirstAndTheLastSendAsAShareOfTheLimit() {
		Instant start = Instant.parse("2026-12-01T08:00:00Z");
		List<Instant> sentAt = new java.util.ArrayList<>();
		for (int i = 0; i < 1601; i++) {
			sentAt.add(start.plusMillis(i * 25L));
		}
		java.util.Collections.shuffle(sentAt, new java.util.Random(8));
		KimBench.Pacing pacing = KimBench.Pacing.of(sentAt, 80);
		assertThat(pacing.messages()).isEqualTo(1601);
		assertThat(pacing.first()).isEqualTo(start);
		assertThat(pacing.spanSeconds()).isEqualTo(40.0);
		assertThat(pacing.rate()).isEqualTo(40.0);
		assertThat(BenchResult.ratio(pacing.rate(), 80)).isEqualTo(0.5);
		assertThat(KimBench.Pacing.of(List.of(start), 80).rate()).isZero();
		assertThat(KimBench.Pacing.of(List.of(), 80).first()).isNull();
	}

	@Test
	void aPacedSpanIsSplitIntoTheEvenPaceStallsAndLateSlots() {
		Instant start = Instant.parse("2026-12-01T08:00:00Z");
		List<Instant> sentAt = new java.util.ArrayList<>();
		long at = 0;
		for (int i = 0; i < 161; i++) {
			sentAt.add(start.plusMillis(at));
			// one stall of 500 ms after the 80th send, every slot else 15 ms (2.5 late)
			at += (i == 79) ? 500 : 15;
		}
		KimBench.PaceTrace trace = KimBench.PaceTrace.of(sentAt, 80);
		assertThat(trace.evenSeconds()).isEqualTo(2.0);
		assertThat(trace.stallSeconds()).isCloseTo(0.4875, org.assertj.core.api.Assertions.within(1e-9));
		// 159 slots 2.5 ms late
		assertThat(trace.lateSeconds()).isCloseTo(0.3975, org.assertj.core.api.Assertions.within(1e-9));
		assertThat(trace.longestGaps()).containsEntry("+1.185 s", 500.0);
		assertThat(trace.perSecond()).containsExactly(67, 34, 60);
		assertThat(KimBench.PaceTrace.of(List.of(start), 80).perSecond()).isEmpty();
	}

	@Test
	void theSendersTimesAreTheWhatsAppLanesCountersDuringTheRun() {
		String text = """
				kim_notification_pace_idle_seconds_total{channel="WHATSAPP"} %s
				kim_notification_pace_idle_seconds_total{channel="SMS"} 100
				kim_notification_delivery_rounds_seconds_count{channel="WHATSAPP"} %s
				kim_notification_delivery_rounds_seconds_sum{channel="WHATSAPP"} %s
				kim_notification_delivery_claims_total{channel="WHATSAPP",outcome="lost"} %s
				kim_provider_latency_seconds_count{channel="WHATSAPP",outcome="ok",provider="sandbox"} %s
				kim_provider_latency_seconds_sum{channel="WHATSAPP",outcome="ok",provider="sandbox"} %s
				""";
		PrometheusText before = PrometheusText.parse(text.formatted(1, 10, 0.5, 0, 100, 1));
		PrometheusText after = PrometheusText.parse(text.formatted(3.5, 110, 5.5, 4, 1900, 19));

		assertThat(KimBench.senderTimes(before, after)).containsEntry("paceIdleSeconds", 2.5)
			.containsEntry("claimRounds", 100.0)
			.containsEntry("claimRoundMeanMillis", 50.0)
			.containsEntry("claimsLost", 4.0)
			.containsEntry("providerCallMeanMillis", 10.0);
		assertThat(KimBench.senderTimes(null, after)).isEmpty();
	}

	@Test
	void thePeakHeapIsTheHighestHeapInUseOfEachServiceBesideItsMaximum() {
		KimBench.HeapPeaks peaks = new KimBench.HeapPeaks();
		peaks.record("notification-service", scrape(0, 0, 10_000_000));
		peaks.record("notification-service", scrape(0, 0, 40_000_000));
		peaks.record("notification-service", scrape(0, 0, 20_000_000));
		peaks.record("gateway", PrometheusText.parse("process_uptime_seconds 3\n"));
		List<Row> rows = peaks.rows();
		assertThat(rows).extracting(Row::name).containsExactly("peak heap notification-service");
		assertThat(rows.get(0).raw()).containsEntry("peakUsedBytes", 90_000_000.0)
			.containsEntry("maxBytes", 200_000_000.0)
			.containsEntry("samples", 3L);
		assertThat(rows.get(0).ratio()).isEqualTo(0.45);
	}

}
