package id.go.kalteng.kim.group.kabupaten;

import java.util.Arrays;
import java.util.List;

import id.go.kalteng.kim.contracts.Kabupaten;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Kabupaten", description = "The 14 kabupaten/kota of Kalimantan Tengah and their codes")
class KabupatenController {

	@GetMapping("/api/kabupaten")
	@Operation(operationId = "listKabupaten", summary = "List the kabupaten/kota")
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
