package id.go.kalteng.kim.group.kabupaten;

import java.util.Arrays;
import java.util.List;

import id.go.kalteng.kim.contracts.Kabupaten;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class KabupatenController {

	@GetMapping("/api/kabupaten")
	KabupatenList list() {
		return new KabupatenList(Arrays.stream(Kabupaten.values())
			.map((k) -> new KabupatenView(k.code(), k.displayName(), k.kind()))
			.toList());
	}

	record KabupatenList(List<KabupatenView> items) {

	}

	record KabupatenView(String code, String name, Kabupaten.Kind kind) {

	}

}
