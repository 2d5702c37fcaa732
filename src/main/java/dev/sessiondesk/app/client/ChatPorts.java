package dev.sessiondesk.app.client;

import dev.sessiondesk.app.SessionExporter;
import dev.sessiondesk.app.chat.MessageAppending;
import dev.sessiondesk.app.chat.ReplyStarter;
import dev.sessiondesk.app.chat.SessionEditing;
import dev.sessiondesk.app.chat.SessionReading;
import dev.sessiondesk.app.windows.ActiveSessionTracker;
import dev.sessiondesk.app.windows.DraftService;
import dev.sessiondesk.app.windows.NewChatRule;

/**
 * The narrow ports a chat window's view models use, each a single job over the open store; every
 * part of the window takes only the ones it needs. All of them block: call them from a task.
 */
public record ChatPorts(SessionReading reading, MessageAppending appending, SessionEditing editing,
                        SessionExporter exporter, NewChatRule newChat, ActiveSessionTracker active,
                        DraftService drafts, ReplyStarter replies) {
}
