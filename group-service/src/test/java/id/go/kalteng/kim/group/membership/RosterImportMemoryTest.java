package id.go.kalteng.kim.group.membership;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import id.go.kalteng.kim.group.GroupApi;
import id.go.kalteng.kim.group.GroupServiceIntegrationTest;
import id.go.kalteng.kim.support.security.KimPrincipal;
import id.go.kalteng.kim.support.security.Role;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A roster is streamed, not loaded: the heap retained after reading 60,000 rows is what
 * it was after 10,000 (measured in the same run, after a full collection each time).
 */
class RosterImportMemoryTest extends GroupServiceIntegrationTest {

	static final int ROWS = 60_000;

	@Autowired
	RosterImport imports;

	@Test
	void theMemoryAnImportHoldsDoesNotGrowWithTheFile() throws Exception {
		String group = this.api.registerGroup(OPERATOR, "KIM Memori", "62.71").get("id").asString();
		KimPrincipal operator = new KimPrincipal("operator-1", Set.of(Role.OPERATOR), null, null);
		AtomicInteger answered = new AtomicInteger();
		AtomicInteger generated = new AtomicInteger();
		List<Integer> generatedAtFirstAnswer = new ArrayList<>();
		List<Long> retained = new ArrayList<>();
		RosterImport.Roster roster = this.imports.open(operator, group, generatedRoster(ROWS, generated));
		RosterImport.Summary summary = this.imports.apply(operator, group, null, roster, (row) -> {
			int n = answered.incrementAndGet();
			if (n == 1) {
				generatedAtFirstAnswer.add(generated.get());
			}
			if (n == 10_000 || n == ROWS) {
				retained.add(retainedHeap());
			}
		});
		// the first answers leave before more than a batch and a read buffer is consumed
		assertThat(generatedAtFirstAnswer.get(0)).isLessThan(RosterImport.BATCH + 1_000);
		assertThat(summary.accepted() + summary.rejected()).isEqualTo(ROWS);
		assertThat(summary.accepted()).isEqualTo(30);
		long growth = retained.get(1) - retained.get(0);
		System.out.printf("[roster-import] retained heap after 10,000 rows %d KiB, after %d rows %d KiB (ratio %.2f)%n",
				retained.get(0) / 1024, ROWS, retained.get(1) / 1024, (double) retained.get(1) / retained.get(0));
		// loading the file (60,000 parsed records, ~20 MiB) would show; GC noise is a few
		// MiB
		assertThat(growth).isLessThan(12L * 1024 * 1024);
	}

	private static long retainedHeap() {
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	/** A CSV of {@code rows} members generated as it is read, never held whole. */
	private static InputStream generatedRoster(int rows, AtomicInteger generated) {
		Enumeration<InputStream> lines = new Enumeration<>() {

			private int next = -1;

			@Override
			public boolean hasMoreElements() {
				return this.next < rows;
			}

			@Override
			public InputStream nextElement() {
				String line = (this.next < 0) ? "nama,no_hp,jenis_kelamin,kelompok_usia\n"
						: "Warga " + this.next + "," + GroupApi.newPhone() + ",P,DEWASA\n";
				this.next++;
				generated.incrementAndGet();
				return new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8));
			}

		};
		return new SequenceInputStream(lines);
	}

}
