package id.go.kalteng.kim.support.test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.mock.web.MockMultipartFile;
import org.springframework.web.util.UriUtils;

/**
 * The malformed variants of one operation of an OpenAPI document, for
 * {@link MalformedRequestSweep}: each differs from a well-formed request in one place.
 */
final class SweepProbes {

	private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	/** Path segments as sent (already encoded), by label. */
	private static final Map<String, String> PATH_VALUES = ordered("very long", "a".repeat(5000), "%00", "%00",
			"unicode", encoded("Ünïcødé-漢字-🚀"), "..", "..", "%2e%2e", "%2e%2e", "encoded slash", "a%2Fb",
			"encoded percent", "%25", "space", "%20", "quotes and brackets", encoded("'\"<>{}|^`"), "-1", "-1",
			"overflowing number", "99999999999999999999", "operator object", encoded("{\"$gt\":\"\"}"));

	/** Query values as sent (already encoded), by label. */
	private static final Map<String, String> QUERY_VALUES = ordered("empty", "", "-1", "-1", "zero", "0",
			"int overflow", "2147483648", "negative int overflow", "-2147483649", "long overflow",
			"99999999999999999999", "decimal", "1.5", "exponent", "1e309", "NaN", "NaN", "text", "abc", "very long",
			"x".repeat(5000), "%00", "%00", "unicode", encoded("🚀漢字"), "list", "1,2", "regex", encoded(".*(["),
			"operator object", encoded("{\"$ne\":null}"));

	private static final Map<String, String> HEADER_VALUES = ordered("empty", "", "very long", "x".repeat(5000), "-1",
			"-1", "quoted overflow", "\"99999999999999999999\"", "weak", "W/\"1\"", "any", "*", "unbalanced", "\"abc",
			"list", "\"1\", \"2\"", "unicode", "Ünïcødé", "control character", "a\u0007b");

	private static final Map<String, String> JSON_BODIES = ordered("empty", "", "null", "null", "[]", "[]", "\"x\"",
			"\"x\"", "{}", "{}", "1", "1", "true", "true", "truncated", "{\"a\":", "not JSON", "x", "nested objects",
			"{\"a\":".repeat(5000) + "1" + "}".repeat(5000), "nested arrays", "[".repeat(100_000) + "]".repeat(100_000),
			"huge string", "\"" + "x".repeat(1_000_000) + "\"", "BOM", "\uFEFF{}", "unknown fields",
			"{\"sweep\":1,\"__proto__\":{},\"$where\":\"1\"}");

	private static final List<String> WRONG_CONTENT_TYPES = List.of("text/plain", "application/xml",
			"application/x-www-form-urlencoded", "multipart/form-data", "garbage", "application/json; charset=nope",
			"text/csv");

	private static final String CSV_HEADER = "nama,no_hp,jenis_kelamin,kelompok_usia\n";

	private static final byte[] BINARY = { 'P', 'K', 3, 4, 20, 0, 6, 0, 8, 0, 0, 0, 33, 0, (byte) 0xb3, (byte) 0xfe,
			'"', 'x', '\n', 0, 0, (byte) 0xff };

	private final JsonNode document;

	private final JsonMapper json;

	private final Map<String, String> pathValues;

	SweepProbes(JsonNode document, JsonMapper json, Map<String, String> pathValues) {
		this.document = document;
		this.json = json;
		this.pathValues = pathValues;
	}

	static List<Operation> operations(JsonNode document) {
		List<Operation> operations = new ArrayList<>();
		for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
			for (String method : METHODS) {
				JsonNode operation = path.getValue().get(method);
				if (operation != null) {
					List<JsonNode> parameters = new ArrayList<>();
					path.getValue().path("parameters").forEach(parameters::add);
					operation.path("parameters").forEach(parameters::add);
					operations
						.add(new Operation(method.toUpperCase(Locale.ROOT), path.getKey(), operation, parameters));
				}
			}
		}
		return operations;
	}

	List<Probe> probesOf(Operation operation) {
		Probe base = base(operation);
		List<Probe> probes = new ArrayList<>();
		for (JsonNode parameter : operation.parameters()) {
			String name = parameter.path("name").asString();
			switch (parameter.path("in").asString()) {
				case "path" ->
					PATH_VALUES.forEach((label, value) -> probes.add(base.withLabel("path " + name + "=" + label)
						.withPath(pathOf(operation.path(), Map.of(name, value)))));
				case "query" -> queryProbes(base, name, resolve(parameter.path("schema")), probes);
				case "header" -> HEADER_VALUES.forEach((label, value) -> probes
					.add(base.withLabel("header " + name + "=" + label).withHeader(name, value)));
				default -> {
				}
			}
		}
		if (hasQuery(operation, "page") && hasQuery(operation, "size")) {
			probes.add(base.withLabel("query page×size overflow").withQuery("page=21474837&size=100"));
		}
		probes.add(base.withLabel("header Accept=application/xml").withHeader("Accept", "application/xml"));
		JsonNode content = operation.node().path("requestBody").path("content");
		if (content.isMissingNode() || content.isEmpty()) {
			if (!operation.method().equals("GET") && !operation.method().equals("DELETE")) {
				probes.add(base.withLabel("unexpected body").withBody("application/json", "{\"a\":"));
			}
			return probes;
		}
		for (Map.Entry<String, JsonNode> type : content.properties()) {
			String mediaType = type.getKey().toLowerCase(Locale.ROOT);
			JsonNode schema = resolve(type.getValue().path("schema"));
			if (mediaType.contains("json")) {
				jsonProbes(base, type.getKey(), schema, probes);
			}
			else if (mediaType.startsWith("multipart/")) {
				multipartProbes(base, schema, probes);
			}
			else {
				textProbes(base, type.getKey(), probes);
			}
		}
		return probes;
	}

	/** The request with well-formed values everywhere. */
	private Probe base(Operation operation) {
		Map<String, String> query = new LinkedHashMap<>();
		Map<String, String> headers = new LinkedHashMap<>();
		for (JsonNode parameter : operation.parameters()) {
			if (!parameter.path("required").asBoolean(false)) {
				continue;
			}
			String name = parameter.path("name").asString();
			String value = String.valueOf(sample(resolve(parameter.path("schema")), 0).asString("x"));
			if ("query".equals(parameter.path("in").asString())) {
				query.put(name, value);
			}
			else if ("header".equals(parameter.path("in").asString())) {
				headers.put(name, value);
			}
		}
		String rawQuery = query.isEmpty() ? null : String.join("&",
				query.entrySet().stream().map((e) -> e.getKey() + "=" + encoded(e.getValue())).toList());
		Probe probe = new Probe("well-formed", pathOf(operation.path(), Map.of()), rawQuery, headers, null, null, null);
		JsonNode content = operation.node().path("requestBody").path("content");
		if (content.isObject() && !content.isEmpty()) {
			Map.Entry<String, JsonNode> first = content.properties().iterator().next();
			String mediaType = first.getKey().toLowerCase(Locale.ROOT);
			JsonNode schema = resolve(first.getValue().path("schema"));
			if (mediaType.contains("json")) {
				return probe.withBody(first.getKey(), this.json.writeValueAsString(sample(schema, 0)));
			}
			if (mediaType.startsWith("multipart/")) {
				return probe.withParts(List.of(file(schema, "text/csv", CSV_HEADER.getBytes(StandardCharsets.UTF_8))));
			}
			return probe.withBody(first.getKey(), CSV_HEADER);
		}
		return probe;
	}

	private void queryProbes(Probe base, String name, JsonNode schema, List<Probe> probes) {
		Map<String, String> values = new LinkedHashMap<>(QUERY_VALUES);
		if (schema.has("minimum")) {
			values.put("below minimum",
					schema.get("minimum").decimalValue().subtract(java.math.BigDecimal.ONE).toPlainString());
		}
		if (schema.has("maximum")) {
			values.put("above maximum",
					schema.get("maximum").decimalValue().add(java.math.BigDecimal.ONE).toPlainString());
		}
		values.forEach((label, value) -> probes
			.add(base.withLabel("query " + name + "=" + label).withQuery(replace(base.rawQuery(), name, value))));
		probes.add(base.withLabel("query " + name + " repeated")
			.withQuery(replace(base.rawQuery(), name, "1") + "&" + name + "=2"));
	}

	private void jsonProbes(Probe base, String mediaType, JsonNode schema, List<Probe> probes) {
		JSON_BODIES.forEach((label, body) -> probes.add(base.withLabel("body " + label).withBody(mediaType, body)));
		probes.add(base.withLabel("body invalid UTF-8")
			.withBody(mediaType, new byte[] { '{', '"', 'a', '"', ':', '"', (byte) 0xc3, '(', '"', '}' }));
		byte[] well = (base.body() != null) ? base.body() : "{}".getBytes(StandardCharsets.UTF_8);
		for (String wrong : WRONG_CONTENT_TYPES) {
			probes.add(base.withLabel("content-type " + wrong).withBody(wrong, well));
		}
		probes.add(base.withLabel("content-type none").withBody(null, well));
		JsonNode sample = sample(schema, 0);
		if (sample.isObject()) {
			fieldProbes(base, mediaType, (ObjectNode) sample, schema, "", probes, 0);
		}
		else if (sample.isArray() && schema.has("items")) {
			JsonNode items = resolve(schema.get("items"));
			JsonNode element = sample(items, 0);
			ArrayNode list = NODES.arrayNode().add(element);
			probes.add(base.withLabel("body [null]").withBody(mediaType, "[null]"));
			probes.add(base.withLabel("body 10000 elements")
				.withBody(mediaType, this.json.writeValueAsString(repeat(element, 10_000))));
			if (element.isObject()) {
				fieldProbes(base, mediaType, (ObjectNode) element, items, "[0]", probes, 0, list);
			}
		}
	}

	private void fieldProbes(Probe base, String mediaType, ObjectNode sample, JsonNode schema, String prefix,
			List<Probe> probes, int depth) {
		fieldProbes(base, mediaType, sample, schema, prefix, probes, depth, null);
	}

	/**
	 * One probe per field and wrong value, the rest of the body well-formed;
	 * {@code wrapper} is the list the object sits in, if any.
	 */
	private void fieldProbes(Probe base, String mediaType, ObjectNode sample, JsonNode schema, String prefix,
			List<Probe> probes, int depth, ArrayNode wrapper) {
		for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
			String field = prefix.isEmpty() ? property.getKey() : prefix + "." + property.getKey();
			JsonNode fieldSchema = resolve(property.getValue());
			for (Map.Entry<String, JsonNode> wrong : wrongValues(fieldSchema).entrySet()) {
				ObjectNode body = sample.deepCopy();
				body.set(property.getKey(), wrong.getValue());
				JsonNode sent = (wrapper != null) ? NODES.arrayNode().add(body) : body;
				probes.add(base.withLabel("field " + field + "=" + wrong.getKey())
					.withBody(mediaType, this.json.writeValueAsString(sent)));
			}
			JsonNode nested = sample.get(property.getKey());
			if (depth < 2 && nested != null && nested.isObject()) {
				// a nested object's fields, inside an otherwise well-formed body
				for (Probe probe : nestedProbes(base, mediaType, (ObjectNode) nested, fieldSchema, field, depth)) {
					ObjectNode body = sample.deepCopy();
					body.set(property.getKey(), this.json.readTree(probe.body()));
					probes.add(probe.withBody(mediaType, this.json.writeValueAsString(body)));
				}
			}
		}
	}

	private List<Probe> nestedProbes(Probe base, String mediaType, ObjectNode nested, JsonNode schema, String field,
			int depth) {
		List<Probe> probes = new ArrayList<>();
		fieldProbes(base, mediaType, nested, schema, field, probes, depth + 1);
		return probes;
	}

	/** Values a field of this schema must not take, by label. */
	private static Map<String, JsonNode> wrongValues(JsonNode schema) {
		Map<String, JsonNode> values = new LinkedHashMap<>();
		values.put("null", NODES.nullNode());
		String type = typeOf(schema);
		switch (type) {
			case "integer", "number" -> {
				values.put("text", NODES.stringNode("abc"));
				values.put("decimal", NODES.numberNode(1.5));
				values.put("-1", NODES.numberNode(-1));
				values.put("long overflow", NODES.numberNode(new java.math.BigInteger("99999999999999999999")));
				values.put("exponent", NODES.numberNode(new java.math.BigDecimal("1e309")));
				values.put("object", NODES.objectNode());
			}
			case "boolean" -> {
				values.put("text", NODES.stringNode("ya"));
				values.put("number", NODES.numberNode(2));
				values.put("object", NODES.objectNode());
			}
			case "array" -> {
				values.put("text", NODES.stringNode("x"));
				values.put("object", NODES.objectNode());
				values.put("[null]", NODES.arrayNode().addNull());
				values.put("[object]", NODES.arrayNode().add(NODES.objectNode()));
				values.put("[number]", NODES.arrayNode().add(123));
				values.put("[huge string]", NODES.arrayNode().add("x".repeat(100_000)));
			}
			case "object" -> {
				values.put("text", NODES.stringNode("x"));
				values.put("array", NODES.arrayNode());
				values.put("number", NODES.numberNode(1));
			}
			default -> {
				values.put("number", NODES.numberNode(123));
				values.put("boolean", NODES.booleanNode(true));
				values.put("object", NODES.objectNode());
				values.put("array", NODES.arrayNode());
				values.put("empty", NODES.stringNode(""));
				values.put("blank", NODES.stringNode("   "));
				values.put("huge string", NODES.stringNode("x".repeat(100_000)));
				values.put("NUL", NODES.stringNode("a\u0000b"));
				values.put("unknown value", NODES.stringNode("NOPE-🚀"));
				values.put("bad date", NODES.stringNode("2026-13-45T25:61:00+99:00"));
			}
		}
		return values;
	}

	private void multipartProbes(Probe base, JsonNode schema, List<Probe> probes) {
		byte[] csv = CSV_HEADER.getBytes(StandardCharsets.UTF_8);
		probes.add(base.withLabel("multipart no parts").withParts(List.of()));
		probes.add(base.withLabel("multipart wrong part name")
			.withParts(List.of(MalformedRequestSweep.part("sweep", "roster.csv", "text/csv", csv))));
		probes.add(base.withLabel("multipart empty file").withParts(List.of(file(schema, "text/csv", new byte[0]))));
		probes.add(base.withLabel("multipart binary file").withParts(List.of(file(schema, "text/csv", BINARY))));
		probes.add(base.withLabel("multipart part type application/json")
			.withParts(List.of(file(schema, "application/json", "{}".getBytes(StandardCharsets.UTF_8)))));
		probes.add(base.withLabel("multipart spreadsheet")
			.withParts(List
				.of(file(schema, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", BINARY))));
		probes.add(base.withLabel("multipart malformed part type").withParts(List.of(file(schema, "garbage", csv))));
		for (Map.Entry<String, String> text : textBodies().entrySet()) {
			probes.add(base.withLabel("multipart " + text.getKey())
				.withParts(List.of(file(schema, "text/csv", text.getValue().getBytes(StandardCharsets.UTF_8)))));
		}
	}

	private void textProbes(Probe base, String mediaType, List<Probe> probes) {
		textBodies().forEach((label, body) -> probes.add(base.withLabel("text " + label).withBody(mediaType, body)));
		probes.add(base.withLabel("text binary").withBody(mediaType, BINARY));
		for (String wrong : List.of("application/json", "application/xml", "image/png", "garbage")) {
			probes.add(base.withLabel("content-type " + wrong).withBody(wrong, CSV_HEADER));
		}
		probes.add(base.withLabel("content-type none").withBody(null, CSV_HEADER));
	}

	private static Map<String, String> textBodies() {
		return ordered("empty", "", "blank lines", "\n\n\n", "only a BOM", "\uFEFF", "header over 8 KB",
				"nama,no_hp," + "x".repeat(9000) + "\n", "unterminated quote in header", "\"nama,no_hp\nAni,0812\n",
				"unterminated quote in a row", CSV_HEADER + "\"Ani,0812\n", "JSON", "{\"nama\":\"Ani\"}", "NUL",
				"na\u0000ma\n", "a long row", CSV_HEADER + "x".repeat(200_000) + "\n", "many columns",
				CSV_HEADER + ",".repeat(50_000) + "\n");
	}

	private static MockMultipartFile file(JsonNode schema, String contentType, byte[] content) {
		String name = "file";
		for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
			name = property.getKey();
			break;
		}
		return MalformedRequestSweep.part(name, "roster.csv", contentType, content);
	}

	/** A well-formed value of a schema. */
	private JsonNode sample(JsonNode schema, int depth) {
		JsonNode resolved = resolve(schema);
		if (resolved.has("enum") && resolved.get("enum").size() > 0) {
			return resolved.get("enum").get(0);
		}
		if (resolved.has("default")) {
			return resolved.get("default");
		}
		String format = resolved.path("format").asString("");
		return switch (typeOf(resolved)) {
			case "integer", "number" -> NODES.numberNode(Math.max(1, resolved.path("minimum").asInt(1)));
			case "boolean" -> NODES.booleanNode(true);
			case "array" -> NODES.arrayNode();
			case "object" -> {
				ObjectNode object = NODES.objectNode();
				if (depth < 4) {
					for (Map.Entry<String, JsonNode> property : resolved.path("properties").properties()) {
						object.set(property.getKey(), sample(property.getValue(), depth + 1));
					}
				}
				yield object;
			}
			default -> switch (format) {
				case "date" -> NODES.stringNode("2026-01-15");
				case "date-time" -> NODES.stringNode("2026-12-03T09:00:00+07:00");
				default -> NODES.stringNode("sweep");
			};
		};
	}

	private JsonNode resolve(JsonNode schema) {
		JsonNode current = schema;
		for (int i = 0; i < 10 && current.has("$ref"); i++) {
			String ref = current.get("$ref").asString();
			current = this.document.at(ref.substring(1));
		}
		if (current.has("allOf") && current.get("allOf").size() == 1) {
			return resolve(current.get("allOf").get(0));
		}
		return current;
	}

	private static String typeOf(JsonNode schema) {
		JsonNode type = schema.get("type");
		if (type == null && schema.has("types")) {
			type = schema.get("types");
		}
		if (type == null) {
			return schema.has("properties") ? "object" : "string";
		}
		if (type.isArray()) {
			for (JsonNode each : type) {
				if (!"null".equals(each.asString())) {
					return each.asString();
				}
			}
			return "string";
		}
		return type.asString();
	}

	private String pathOf(String template, Map<String, String> rawValues) {
		StringBuilder path = new StringBuilder();
		int at = 0;
		while (at < template.length()) {
			int open = template.indexOf('{', at);
			if (open < 0) {
				path.append(template, at, template.length());
				break;
			}
			int close = template.indexOf('}', open);
			String name = template.substring(open + 1, close);
			path.append(template, at, open);
			path.append(rawValues.containsKey(name) ? rawValues.get(name)
					: encoded(this.pathValues.getOrDefault(name, "sweep-0")));
			at = close + 1;
		}
		return path.toString();
	}

	private static boolean hasQuery(Operation operation, String name) {
		return operation.parameters()
			.stream()
			.anyMatch((p) -> "query".equals(p.path("in").asString()) && name.equals(p.path("name").asString()));
	}

	private static String replace(String rawQuery, String name, String rawValue) {
		List<String> pairs = new ArrayList<>();
		if (rawQuery != null) {
			for (String pair : rawQuery.split("&")) {
				if (!pair.startsWith(name + "=")) {
					pairs.add(pair);
				}
			}
		}
		pairs.add(name + "=" + rawValue);
		return String.join("&", pairs);
	}

	private static ArrayNode repeat(JsonNode element, int times) {
		ArrayNode list = NODES.arrayNode();
		for (int i = 0; i < times; i++) {
			list.add(element.deepCopy());
		}
		return list;
	}

	private static String encoded(String value) {
		return UriUtils.encode(value, StandardCharsets.UTF_8);
	}

	private static Map<String, String> ordered(String... labelsAndValues) {
		Map<String, String> map = new LinkedHashMap<>();
		for (int i = 0; i < labelsAndValues.length; i += 2) {
			map.put(labelsAndValues[i], labelsAndValues[i + 1]);
		}
		return map;
	}

	/**
	 * One operation of the document.
	 *
	 * @param method GET, POST, ...
	 * @param path the path template ({@code /api/groups/{id}})
	 * @param node the operation's object in the document
	 * @param parameters its parameters and its path's
	 */
	record Operation(String method, String path, JsonNode node, List<JsonNode> parameters) {
	}

	/**
	 * One request to send.
	 *
	 * @param label what is malformed in it
	 * @param rawPath the path as sent (encoded)
	 * @param rawQuery the query as sent (encoded), or null
	 * @param headers extra headers
	 * @param contentType the Content-Type, or null for none
	 * @param body the body, or null
	 * @param parts the multipart parts, or null when the body is not multipart
	 */
	record Probe(String label, String rawPath, String rawQuery, Map<String, String> headers, String contentType,
			byte[] body, List<MockMultipartFile> parts) {

		Probe withLabel(String label) {
			return new Probe(label, this.rawPath, this.rawQuery, this.headers, this.contentType, this.body, this.parts);
		}

		Probe withPath(String rawPath) {
			return new Probe(this.label, rawPath, this.rawQuery, this.headers, this.contentType, this.body, this.parts);
		}

		Probe withQuery(String rawQuery) {
			return new Probe(this.label, this.rawPath, rawQuery, this.headers, this.contentType, this.body, this.parts);
		}

		Probe withHeader(String name, String value) {
			Map<String, String> headers = new LinkedHashMap<>(this.headers);
			headers.put(name, value);
			return new Probe(this.label, this.rawPath, this.rawQuery, headers, this.contentType, this.body, this.parts);
		}

		Probe withBody(String contentType, String body) {
			return withBody(contentType, body.getBytes(StandardCharsets.UTF_8));
		}

		Probe withBody(String contentType, byte[] body) {
			return new Probe(this.label, this.rawPath, this.rawQuery, this.headers, contentType, body, null);
		}

		Probe withParts(List<MockMultipartFile> parts) {
			return new Probe(this.label, this.rawPath, this.rawQuery, this.headers, null, null, parts);
		}

	}

}
