package dev.pixelforge.core.testing;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The TCP sockets that processes listen on, read from Linux's {@code /proc} (as {@code ss -ltnp}
 * would show them, without needing {@code ss}): a process's socket inodes from {@code
 * /proc/<pid>/fd}, matched with the LISTEN rows of {@code /proc/net/tcp} and {@code tcp6}.
 */
public final class ListeningSockets {

    /** One listening socket: its local address as /proc writes it, and its port. */
    public record Listener(long pid, String family, String hexAddress, int port) {

        /** 127.0.0.0/8, ::1 or ::ffff:127.x.x.x. */
        public boolean loopback() {
            if (family.equals("tcp")) {
                // four bytes, little-endian on x86 and arm64: 0100007F is 127.0.0.1
                return hexAddress.length() == 8 && hexAddress.endsWith("7F");
            }
            String a = hexAddress.toUpperCase(Locale.ROOT);
            return a.equals("00000000000000000000000001000000") // ::1
                    || (a.startsWith("0000000000000000FFFF0000") && a.endsWith("7F"));
        }

        @Override
        public String toString() {
            return "pid " + pid + " " + family + " " + hexAddress + ":" + port;
        }
    }

    private ListeningSockets() {}

    /** Whether this machine's /proc shows TCP sockets (Linux). */
    public static boolean available() {
        return Files.isReadable(Path.of("/proc/net/tcp"));
    }

    /** Every TCP socket in LISTEN state that one of {@code pids} holds open. */
    public static List<Listener> of(Iterable<Long> pids) throws IOException {
        List<Listener> out = new ArrayList<>();
        for (long pid : pids) {
            Set<String> inodes = socketInodes(pid);
            for (String family : List.of("tcp", "tcp6")) {
                Path table = Path.of("/proc", Long.toString(pid), "net", family);
                if (!Files.exists(table)) {
                    continue;
                }
                for (String line : readGone(table)) {
                    String[] f = line.trim().split("\\s+");
                    // sl local_address rem_address st ... uid timeout inode
                    if (f.length < 10 || !f[3].equals("0A") || !inodes.contains(f[9])) {
                        continue;
                    }
                    String[] local = f[1].split(":");
                    out.add(new Listener(pid, family, local[0], Integer.parseInt(local[1], 16)));
                }
            }
        }
        return out;
    }

    private static Set<String> socketInodes(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds =
                Files.newDirectoryStream(Path.of("/proc/" + pid + "/fd"))) {
            for (Path fd : fds) {
                try {
                    String link = Files.readSymbolicLink(fd).toString();
                    if (link.startsWith("socket:[")) {
                        inodes.add(link.substring(8, link.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor was closed between the listing and the read
                }
            }
        } catch (NoSuchFileException exited) {
            // the process has gone: it listens on nothing
        }
        return inodes;
    }

    private static List<String> readGone(Path table) throws IOException {
        try {
            return Files.readAllLines(table);
        } catch (NoSuchFileException exited) {
            return List.of();
        }
    }
}
