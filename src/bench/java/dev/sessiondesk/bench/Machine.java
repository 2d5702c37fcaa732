package dev.sessiondesk.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The machine a run was taken on, for the header of the results (figures mean nothing without it). */
final class Machine {
    private Machine() {
    }

    static Map<String, String> describe(String sqliteVersion) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("CPU", firstMatching(Path.of("/proc/cpuinfo"), "model name") + ", "
                + Runtime.getRuntime().availableProcessors() + " cores available (nproc)");
        m.put("memory", memTotal() + ", JVM max heap " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB");
        m.put("JDK", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
                + System.getProperty("java.vendor") + ")");
        m.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        m.put("SQLite", sqliteVersion + " (sqlite-jdbc)");
        return m;
    }

    /** The 1/5/15-minute load averages: how busy the shared machine was. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " / " + parts[1] + " / " + parts[2];
        } catch (IOException | RuntimeException e) {
            return String.format("%.2f (1 min)", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static String memTotal() {
        String line = firstMatching(Path.of("/proc/meminfo"), "MemTotal");
        try {
            long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
            return String.format("%.1f GiB RAM", kb / 1024.0 / 1024.0);
        } catch (NumberFormatException e) {
            return line;
        }
    }

    private static String firstMatching(Path file, String key) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (String l : lines) {
                if (l.startsWith(key)) {
                    int colon = l.indexOf(':');
                    return colon < 0 ? l.strip() : l.substring(colon + 1).strip();
                }
            }
        } catch (IOException e) {
            return "unknown (" + file + " unreadable)";
        }
        return "unknown";
    }
}
