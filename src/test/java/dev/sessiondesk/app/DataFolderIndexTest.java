package dev.sessiondesk.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataFolderIndexTest {
    @TempDir
    Path tmp;

    @Test
    void recordsEveryOpenedFolderOnceMostRecentLastInAPrivateFile() throws Exception {
        Path a = Files.createDirectories(tmp.resolve("a"));
        Path b = Files.createDirectories(tmp.resolve("with space/b"));
        DataFolderIndex index = new DataFolderIndex(tmp.resolve("config"));

        index.record(a);
        index.record(b);
        index.record(a);

        assertThat(index.folders()).containsExactly(b, a);
        assertThat(Files.readString(index.file())).isEqualTo(b + "\n" + a + "\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(index.file()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("config")))).isEqualTo("rwx------");
    }

    @Test
    void dropsFoldersThatNoLongerExistAndKeepsOnlyTheMostRecent() throws Exception {
        DataFolderIndex index = new DataFolderIndex(tmp.resolve("config"));
        Path gone = Files.createDirectories(tmp.resolve("gone"));
        index.record(gone);
        Files.delete(gone);
        for (int i = 0; i < DataFolderIndex.LIMIT + 5; i++) {
            index.record(Files.createDirectories(tmp.resolve("d" + i)));
        }
        List<Path> folders = index.folders();
        assertThat(folders).hasSize(DataFolderIndex.LIMIT).doesNotContain(gone);
        assertThat(folders.get(folders.size() - 1)).isEqualTo(tmp.resolve("d" + (DataFolderIndex.LIMIT + 4)));
        assertThat(folders).doesNotContain(tmp.resolve("d0"));
    }

    @Test
    void anUnwritableConfigFolderNeverStopsTheCaller() throws Exception {
        Path blocker = Files.writeString(tmp.resolve("config"), "a file where the folder should be");
        DataFolderIndex index = new DataFolderIndex(blocker);
        index.record(tmp);
        assertThat(Files.readString(blocker)).isEqualTo("a file where the folder should be");
    }

    @Test
    void theCliRecordsTheDataFolderItOpens() throws Exception {
        Path config = tmp.resolve("xdg-config");
        Path data = tmp.resolve("elsewhere/store");
        DataLocations locations = new DataLocations(java.util.Map.of("XDG_CONFIG_HOME", config.toString()),
                "Linux", tmp.resolve("home"));
        int exit = dev.sessiondesk.cli.SessionDeskCommand.run(locations,
                new String[] {"new", "--title", "Recorded", "--data-dir", data.toString()});
        assertThat(exit).isZero();
        assertThat(new DataFolderIndex(config.resolve("sessiondesk")).folders()).containsExactly(data);
    }
}
