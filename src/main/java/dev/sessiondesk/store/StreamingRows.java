package dev.sessiondesk.store;

import dev.sessiondesk.model.Message;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/** The replies that are streaming right now, in every session (the row and its last checkpoint time). */
public final class StreamingRows {
    /** A streaming reply: its row, and when its text was last checkpointed (epoch ms). */
    public record Row(Message message, long checkpointedAt) {
    }

    private final Store store;

    public StreamingRows(Store store) {
        this.store = store;
    }

    public List<Row> all() {
        return store.reader().read("list the replies that are streaming", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + Rows.MESSAGE_COLUMNS
                    + ", updated_at FROM messages WHERE state = 'streaming' ORDER BY session_id, seq")) {
                List<Row> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Row(Rows.message(rs), rs.getLong("updated_at")));
                    }
                }
                return out;
            }
        });
    }
}
