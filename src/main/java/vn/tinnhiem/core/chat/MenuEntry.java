package vn.tinnhiem.core.chat;

/** A command as shown in the platform's command menu (name without '/'). */
public record MenuEntry(String command, String description) {}
