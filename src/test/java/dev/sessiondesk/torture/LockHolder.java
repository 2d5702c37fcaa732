package dev.sessiondesk.torture;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * A stand-in for the sqlite3 shell where it is not installed: {@code LockHolder DB} runs the SQL
 * lines it reads ({@code BEGIN EXCLUSIVE;}, {@code COMMIT;}); {@code .print X} prints X, {@code .quit} ends.
 */
public final class LockHolder {
    private LockHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + args[0]);
             Statement s = c.createStatement();
             BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith(".print ")) {
                    System.out.println(line.substring(7));
                    System.out.flush();
                } else if (line.equals(".quit")) {
                    return;
                } else if (!line.isBlank()) {
                    s.execute(line.replace(";", ""));
                }
            }
        }
    }
}
