package dev.sessiondesk.store;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * Runs in a second JVM: for each "sessionId seq" line on stdin it looks the message up once, with
 * its own connection and no retry, and answers "found TEXT-OF-CONTENT" or "missing".
 */
public final class SecondProcessReader {
    private SecondProcessReader() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + args[0]);
             BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            System.out.println("ready");
            System.out.flush();
            String line;
            while ((line = in.readLine()) != null) {
                String[] parts = line.split(" ");
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT content_json FROM messages WHERE session_id = ? AND seq = ?")) {
                    ps.setString(1, parts[0]);
                    ps.setInt(2, Integer.parseInt(parts[1]));
                    try (ResultSet rs = ps.executeQuery()) {
                        System.out.println(rs.next() ? "found " + rs.getString(1) : "missing");
                    }
                }
                System.out.flush();
            }
        }
    }
}
