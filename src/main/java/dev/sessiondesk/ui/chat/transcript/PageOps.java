package dev.sessiondesk.ui.chat.transcript;

/** The changes {@link TranscriptSync} makes to the page; each is one call into the page's script. */
interface PageOps {
    void reset(String html, boolean hasOlder);

    void append(String html);

    void prepend(String html, boolean hasOlder);

    void replace(int seq, String html);

    void remove(int seq);
}
