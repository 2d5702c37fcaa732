package dev.sessiondesk.app.sync;

import dev.sessiondesk.store.remote.RemoteEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Where to sync: {@code SESSIONDESK_SYNC_URL} (environment) or {@code url} in
 * {@code <config>/sync.properties}, as a libpq URI ({@code postgresql://user@host:port/db?sslmode=…})
 * or a JDBC URL. The password comes, like libpq's, from the URI, then {@code PGPASSWORD}, then
 * {@code ~/.pgpass} (or {@code PGPASSFILE}), then {@code <config>/sync-password} (0600, written by
 * Preferences → Sync). It is never written to the store, a log line or an export: the endpoint's
 * text form leaves it out.
 */
public final class SyncSettings {
    public static final String ENV_URL = "SESSIONDESK_SYNC_URL";
    public static final String FILE = "sync.properties";
    public static final String PASSWORD_FILE = "sync-password";

    private SyncSettings() {
    }

    /** The configured server, or empty when sync is not set up. Throws IllegalArgumentException for a bad URL. */
    public static Optional<RemoteEndpoint> load(Map<String, String> env, Path configDir, Path home) {
        String url = env.get(ENV_URL);
        String where = "the environment variable " + ENV_URL;
        if (url == null || url.isBlank()) {
            url = fileUrl(configDir).orElse(null);
            where = configDir.resolve(FILE).toString();
        }
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(endpoint(url.strip(), where, env, configDir, home));
    }

    /** Reads the settings afresh on every call, so a change in Preferences → Sync applies to the next exchange. */
    public static java.util.function.Supplier<Optional<RemoteEndpoint>> live(Map<String, String> env, Path configDir, Path home) {
        return () -> load(env, configDir, home);
    }

    /** The URL as configured (environment first), for showing in Preferences; empty when none. */
    public static Optional<String> configuredUrl(Map<String, String> env, Path configDir) {
        String url = env.get(ENV_URL);
        if (url != null && !url.isBlank()) {
            return Optional.of(url.strip());
        }
        return fileUrl(configDir);
    }

    /** Saves the URL to sync.properties and, when given, the password to a 0600 file beside it. */
    public static void save(Path configDir, String url, String password) throws IOException {
        Files.createDirectories(configDir);
        Properties p = new Properties();
        p.setProperty("url", url.strip());
        Path f = configDir.resolve(FILE);
        Path tmp = configDir.resolve(FILE + ".tmp");
        try (java.io.OutputStream out = Files.newOutputStream(tmp)) {
            p.store(out, "SessionDesk sync server (the password is never stored here)");
        }
        Files.move(tmp, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        if (password != null && !password.isEmpty()) {
            Path pw = configDir.resolve(PASSWORD_FILE);
            Path pwTmp = configDir.resolve(PASSWORD_FILE + ".tmp");
            Files.deleteIfExists(pwTmp);
            try {
                Files.createFile(pwTmp, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(pwTmp);
            }
            Files.writeString(pwTmp, password, StandardCharsets.UTF_8);
            Files.move(pwTmp, pw, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /**
     * Tries a URL and password before they are saved (Preferences → Test connection): returns what the
     * server said, or throws with the reason (IllegalArgumentException for a bad URL, RemoteException
     * when the server is away or refuses).
     */
    public static String testConnection(String url, String password, Map<String, String> env, Path configDir, Path home) {
        RemoteEndpoint e = endpoint(url.strip(), "the URL entered", env, configDir, home);
        if (password != null && !password.isEmpty()) {
            e = new RemoteEndpoint(e.jdbcUrl(), e.user(), password, e.display());
        }
        return dev.sessiondesk.store.remote.RemoteServer.probe(e);
    }

    /** Throws IllegalArgumentException naming the problem when {@code url} is not a server URL sync understands. */
    public static void testParse(String url) {
        String u = url.strip();
        if (u.startsWith("jdbc:postgresql:")) {
            ParsedUrl.jdbc(u, "the URL entered");
        } else {
            ParsedUrl.libpq(u, "the URL entered");
        }
    }

    static Optional<String> fileUrl(Path configDir) {
        Path f = configDir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(f)) {
            p.load(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the sync settings " + f + ": " + e.getMessage(), e);
        }
        return Optional.ofNullable(p.getProperty("url"));
    }

    static RemoteEndpoint endpoint(String url, String where, Map<String, String> env, Path configDir, Path home) {
        ParsedUrl u = url.startsWith("jdbc:postgresql:") ? ParsedUrl.jdbc(url, where) : ParsedUrl.libpq(url, where);
        String user = u.user != null ? u.user : env.getOrDefault("PGUSER", System.getProperty("user.name"));
        String password = u.password;
        if (password == null) {
            password = env.get("PGPASSWORD");
        }
        if (password == null) {
            Path pgpass = env.containsKey("PGPASSFILE") ? Path.of(env.get("PGPASSFILE")) : home.resolve(".pgpass");
            password = PgPass.lookup(pgpass, u.host, u.port, u.database, user).orElse(null);
        }
        if (password == null) {
            password = savedPassword(configDir).orElse(null);
        }
        return new RemoteEndpoint(u.jdbcUrl, user, password, u.display);
    }

    /** The password Preferences saved; refused when the file is readable by others. */
    static Optional<String> savedPassword(Path configDir) {
        Path f = configDir.resolve(PASSWORD_FILE);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            if (!privateFile(f)) {
                throw new IllegalArgumentException("the sync password file " + f
                        + " can be read by other users; make it private with: chmod 600 " + f);
            }
            return Optional.of(Files.readString(f, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the sync password file " + f + ": " + e.getMessage(), e);
        }
    }

    static boolean privateFile(Path f) throws IOException {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(f);
            return perms.stream().noneMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"));
        } catch (UnsupportedOperationException e) {
            return true; // no POSIX permissions here (Windows): the user profile folder is private
        }
    }

    static String decode(String s) {
        return s == null ? null : URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The parts of a server URL sync needs, and its JDBC form. */
    static final class ParsedUrl {
        String jdbcUrl;
        String display;
        String user;
        String password;
        String host = "localhost";
        int port = 5432;
        String database;

        /** {@code postgresql://[user[:password]@][host][:port][/dbname][?param=value&…]}. */
        static ParsedUrl libpq(String url, String where) {
            ParsedUrl u = new ParsedUrl();
            String rest;
            if (url.startsWith("postgresql://")) {
                rest = url.substring("postgresql://".length());
            } else if (url.startsWith("postgres://")) {
                rest = url.substring("postgres://".length());
            } else {
                throw new IllegalArgumentException("the sync server URL in " + where + " must start with postgresql://"
                        + " (a libpq URI) or jdbc:postgresql: (a JDBC URL)");
            }
            String query = "";
            int q = rest.indexOf('?');
            if (q >= 0) {
                query = rest.substring(q + 1);
                rest = rest.substring(0, q);
            }
            int slash = rest.indexOf('/');
            String authority = slash >= 0 ? rest.substring(0, slash) : rest;
            u.database = slash >= 0 ? decode(rest.substring(slash + 1)) : null;
            int at = authority.lastIndexOf('@');
            if (at >= 0) {
                String userInfo = authority.substring(0, at);
                authority = authority.substring(at + 1);
                int colon = userInfo.indexOf(':');
                u.user = decode(colon >= 0 ? userInfo.substring(0, colon) : userInfo);
                u.password = colon >= 0 ? decode(userInfo.substring(colon + 1)) : null;
            }
            hostPort(u, authority, where);
            if (u.database == null || u.database.isEmpty()) {
                u.database = u.user;
            }
            StringBuilder params = new StringBuilder();
            for (String kv : query.isEmpty() ? new String[0] : query.split("&")) {
                int eq = kv.indexOf('=');
                String k = decode(eq >= 0 ? kv.substring(0, eq) : kv);
                String v = eq >= 0 ? decode(kv.substring(eq + 1)) : "";
                switch (k) {
                    case "user" -> u.user = v;
                    case "password" -> u.password = v;
                    case "dbname" -> u.database = v;
                    case "connect_timeout" -> append(params, "connectTimeout", v);
                    case "application_name" -> append(params, "ApplicationName", v);
                    default -> append(params, k, v); // sslmode, sslrootcert, sslcert, sslkey, … mean the same in pgjdbc
                }
            }
            String db = u.database == null ? "" : u.database;
            u.jdbcUrl = "jdbc:postgresql://" + bracketed(u.host) + ":" + u.port + "/"
                    + java.net.URLEncoder.encode(db, StandardCharsets.UTF_8) + (params.length() == 0 ? "" : "?" + params);
            u.display = "postgresql://" + (u.user == null ? "" : u.user + "@") + bracketed(u.host) + ":" + u.port + "/" + db
                    + (params.length() == 0 ? "" : "?" + params);
            return u;
        }

        static ParsedUrl jdbc(String url, String where) {
            ParsedUrl u = new ParsedUrl();
            String rest = url.substring("jdbc:postgresql:".length());
            if (rest.startsWith("//")) {
                rest = rest.substring(2);
            }
            String query = "";
            int q = rest.indexOf('?');
            if (q >= 0) {
                query = rest.substring(q + 1);
                rest = rest.substring(0, q);
            }
            int slash = rest.indexOf('/');
            hostPort(u, slash >= 0 ? rest.substring(0, slash) : rest, where);
            u.database = slash >= 0 ? decode(rest.substring(slash + 1)) : null;
            StringBuilder params = new StringBuilder();
            for (String kv : query.isEmpty() ? new String[0] : query.split("&")) {
                int eq = kv.indexOf('=');
                String k = eq >= 0 ? kv.substring(0, eq) : kv;
                String v = eq >= 0 ? decode(kv.substring(eq + 1)) : "";
                if (k.equals("password")) {
                    u.password = v; // kept out of the URL so it never reaches a message or a log line
                } else {
                    if (k.equals("user")) {
                        u.user = v;
                    }
                    append(params, k, v);
                }
            }
            String base = "jdbc:postgresql://" + (slash >= 0 ? rest : rest + "/");
            u.jdbcUrl = base + (params.length() == 0 ? "" : "?" + params);
            u.display = u.jdbcUrl;
            return u;
        }

        private static void hostPort(ParsedUrl u, String authority, String where) {
            if (authority.isEmpty()) {
                return;
            }
            String hostPart = authority;
            String portPart = null;
            if (authority.startsWith("[")) {
                int end = authority.indexOf(']');
                hostPart = authority.substring(1, end);
                if (end + 1 < authority.length() && authority.charAt(end + 1) == ':') {
                    portPart = authority.substring(end + 2);
                }
            } else if (authority.contains(":")) {
                hostPart = authority.substring(0, authority.indexOf(':'));
                portPart = authority.substring(authority.indexOf(':') + 1);
            }
            if (!hostPart.isEmpty()) {
                u.host = decode(hostPart);
            }
            if (portPart != null && !portPart.isEmpty()) {
                try {
                    u.port = Integer.parseInt(portPart);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("the sync server URL in " + where + " has a bad port \""
                            + portPart + "\"");
                }
            }
        }

        private static String bracketed(String host) {
            return host.contains(":") ? "[" + host + "]" : host;
        }

        private static void append(StringBuilder params, String k, String v) {
            if (params.length() > 0) {
                params.append('&');
            }
            params.append(java.net.URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                    .append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8));
        }
    }
}
