package id.go.kalteng.kim.infra.bench;

import java.nio.file.Path;
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
		assertThat(lines.get(0)).isEqualTo("nama;no_hp;jenis_kelamin;kelompok_usia;pekerjaan;jabatan");
		assertThat(lines).hasSize(31);
		assertThat(lines.get(1)).isEqualTo("Warga Uji 7-0;0813004200700;L;Dewasa;Petani;");
		assertThat(lines.subList(1, 31)).allSatisfy((line) -> assertThat(line.split(";", -1)).hasSize(6));
		Set<String> phones = new HashSet<>();
		for (int group = 0; group < 100; group++) {
			for (int member = 0; member < 30; member++) {
				phones.add(RosterCsv.phone(42, group, member));
			}
		}
		assertThat(phones).hasSize(3000).allSatisfy((phone) -> assertThat(phone).matches("0813\\d{9}"));
	}

	@Test
	void aRosterOutsideItsBoundsIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> RosterCsv.roster(1, 1000, 30));
		assertThatIllegalArgumentException().isThrownBy(() -> RosterCsv.roster(1, 1, 100));
		assertThatIllegalArgumentException().isThrownBy(() -> RosterCsv.roster(10_000, 1, 30));
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
	void theTableAndTheJsonCarryTheSameFigures() {
		BenchResult result = new BenchResult("2026-12-01T07:00:00Z", "gateway http://localhost:8080", 100, 30,
				List.of(Row.compared("P1 fan-out", 890, 53_900, "recipients/s", "approval -> requests"),
						Row.notMeasured("P3 pacing", "n/a (needs issue #9's providers)"),
						Row.single("projection catch-up", 50.04, "s", "3000 joins")));
		String table = BenchReport.table(result);
		assertThat(table).contains("100 groups x 30 members = 3000 recipients")
			.containsPattern("P1 fan-out\\s+890\\s+53,900\\s+recipients/s\\s+1\\.7 %")
			.containsPattern("P3 pacing\\s+-\\s+-\\s+-\\s+n/a \\(needs issue #9's providers\\)")
			.containsPattern("projection catch-up\\s+50\\.0\\s+-\\s+s\\s+-");
		JsonNode json = JsonMapper.builder().build().readTree(BenchReport.json(result));
		assertThat(json.get("recipients").asInt()).isEqualTo(3000);
		assertThat(json.at("/results/P1 fan-out/ratio").asDouble()).isCloseTo(890.0 / 53_900,
				org.assertj.core.data.Offset.offset(1e-9));
		assertThat(json.at("/results/P3 pacing/ratio").isNull()).isTrue();
	}

	@Test
	void theSizeAndTheTargetComeFromTheCommandLineAndTheEnvironment() {
		BenchSettings settings = BenchSettings.from(new String[] { "--groups", "10", "--out", "x.json" },
				Map.of("KIM_GATEWAY_URL", "http://localhost:18080", "KIM_HOME", "/tmp/k"));
		assertThat(settings.recipients()).isEqualTo(300);
		assertThat(settings.gateway()).hasToString("http://localhost:18080");
		assertThat(settings.out()).isEqualTo(Path.of("x.json"));
		assertThat(settings.producerRecords()).isEqualTo(200_000);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchSettings.from(new String[] { "--groups", "0" }, Map.of()))
			.withMessageContaining("--groups");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BenchSettings.from(new String[] { "--members" }, Map.of()));
	}

}
