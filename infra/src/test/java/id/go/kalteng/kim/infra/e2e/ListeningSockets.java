package id.go.kalteng.kim.infra.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The TCP sockets each process of a platform listens on, read from Linux's {@code /proc}:
 * the processes from {@code KIM_HOME/run/*.pid}, their sockets from {@code /proc/PID/fd},
 * addresses and states from {@code /proc/net/tcp} and {@code tcp6}. Every socket counts,
 * not only the ports the launcher chose.
 */
final class ListeningSockets {

	private static final String LISTEN = "0A";

	private ListeningSockets() {
	}

	/**
	 * @return per process name, the sockets it listens on
	 */
	static Map<String, List<Socket>> ofProcessesIn(Path kimHome) throws IOException {
		Map<String, Socket> listening = new HashMap<>();
		for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
			List<String> lines = Files.readAllLines(Path.of(table));
			for (String line : lines.subList(1, lines.size())) {
				// sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout
				// inode
				String[] fields = line.trim().split("\\s+");
				if (fields[3].equals(LISTEN)) {
					String[] local = fields[1].split(":");
					listening.put(fields[9], new Socket(null, address(local[0]), Integer.parseInt(local[1], 16)));
				}
			}
		}
		Map<String, List<Socket>> byProcess = new TreeMap<>();
		try (Stream<Path> pidFiles = Files.list(kimHome.resolve("run"))) {
			for (Path pidFile : pidFiles.filter((file) -> file.toString().endsWith(".pid")).toList()) {
				String process = pidFile.getFileName().toString().replace(".pid", "");
				List<Socket> sockets = new ArrayList<>();
				for (String inode : socketInodes(Files.readString(pidFile).strip())) {
					Socket socket = listening.get(inode);
					if (socket != null) {
						sockets.add(new Socket(process, socket.address(), socket.port()));
					}
				}
				byProcess.put(process, sockets);
			}
		}
		return byProcess;
	}

	private static List<String> socketInodes(String pid) throws IOException {
		List<String> inodes = new ArrayList<>();
		try (Stream<Path> descriptors = Files.list(Path.of("/proc", pid, "fd"))) {
			for (Path descriptor : descriptors.toList()) {
				try {
					String target = Files.readSymbolicLink(descriptor).toString();
					if (target.startsWith("socket:[")) {
						inodes.add(target.substring("socket:[".length(), target.length() - 1));
					}
				}
				catch (NoSuchFileException ex) {
					// closed while listing
				}
			}
		}
		return inodes;
	}

	/** The kernel's hex address: IPv4 as one, IPv6 as four little-endian 32-bit words. */
	private static InetAddress address(String hex) throws UnknownHostException {
		byte[] bytes = HexFormat.of().parseHex(hex);
		for (int word = 0; word < bytes.length; word += 4) {
			for (int i = 0; i < 2; i++) {
				byte swap = bytes[word + i];
				bytes[word + i] = bytes[word + 3 - i];
				bytes[word + 3 - i] = swap;
			}
		}
		// an IPv4-mapped IPv6 address comes back as the IPv4 address it maps
		return InetAddress.getByAddress(bytes);
	}

	/**
	 * One listening socket.
	 *
	 * @param process the platform process that owns it
	 * @param address the local address it is bound to
	 * @param port the local port
	 */
	record Socket(String process, InetAddress address, int port) {

		boolean loopback() {
			return this.address.isLoopbackAddress();
		}

	}

}
