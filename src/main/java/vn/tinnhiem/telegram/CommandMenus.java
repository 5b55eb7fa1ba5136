package vn.tinnhiem.telegram;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
import org.telegram.telegrambots.meta.api.objects.commands.scope.BotCommandScopeChat;
import org.telegram.telegrambots.meta.api.objects.commands.scope.BotCommandScopeDefault;
import vn.tinnhiem.core.Person;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.core.chat.ChatFlow;
import vn.tinnhiem.core.chat.MenuEntry;
import vn.tinnhiem.core.chat.Messages;
import vn.tinnhiem.core.chat.VoteRegistry;

/**
 * The command menus, per role and language: everyone gets the participant menu (default
 * scope; Vietnamese unless the first vote is in English, plus an "en" and a "vi" variant);
 * each organiser or supervisor whose Telegram id is configured gets their role's menu in
 * their own chat. Staff known only by username get the participant menu; /help still tells
 * them their commands.
 */
final class CommandMenus {
    private CommandMenus() {}

    static List<SetMyCommands> of(VoteRegistry votes) {
        List<SetMyCommands> out = new ArrayList<>();
        Messages defaults = Messages.of(votes.all().get(0).language());
        out.add(SetMyCommands.builder().commands(commands(false, false, defaults))
                .scope(new BotCommandScopeDefault()).build());
        for (Locale lang : List.of(Messages.ENGLISH, Messages.VIETNAMESE)) {
            out.add(SetMyCommands.builder().commands(commands(false, false, Messages.of(lang)))
                    .scope(new BotCommandScopeDefault()).languageCode(lang.getLanguage()).build());
        }
        // Telegram id → {organiser, supervisor} over all votes.
        Map<Long, boolean[]> staff = new LinkedHashMap<>();
        for (VoteDefinition v : votes.all()) {
            for (Person p : v.organisers()) {
                telegramId(p).ifPresent(id -> staff.computeIfAbsent(id, k -> new boolean[2])[0] = true);
            }
            for (Person p : v.supervisors()) {
                telegramId(p).ifPresent(id -> staff.computeIfAbsent(id, k -> new boolean[2])[1] = true);
            }
        }
        for (Map.Entry<Long, boolean[]> e : staff.entrySet()) {
            boolean org = e.getValue()[0];
            boolean sup = e.getValue()[1];
            BotCommandScopeChat scope = BotCommandScopeChat.builder().chatId(e.getKey()).build();
            out.add(SetMyCommands.builder().commands(commands(org, sup, defaults)).scope(scope).build());
            for (Locale lang : List.of(Messages.ENGLISH, Messages.VIETNAMESE)) {
                out.add(SetMyCommands.builder().commands(commands(org, sup, Messages.of(lang))).scope(scope)
                        .languageCode(lang.getLanguage()).build());
            }
        }
        return out;
    }

    private static java.util.Optional<Long> telegramId(Person p) {
        return p.identity(TelegramPlatform.IDENTITIES, vn.tinnhiem.core.Identity.ID).map(Long::valueOf);
    }

    private static List<BotCommand> commands(boolean organiser, boolean supervisor, Messages m) {
        List<BotCommand> out = new ArrayList<>();
        for (MenuEntry e : ChatFlow.menu(organiser, supervisor, m)) {
            String d = e.description().length() > 256 ? e.description().substring(0, 256) : e.description();
            out.add(new BotCommand(e.command(), d));
        }
        return out;
    }
}
