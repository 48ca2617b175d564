using PeerBot.Bot.Commands;
using PeerBot.Scheduler.Chat;

namespace PeerBot.Bot.Teams;

/// <summary>The one message a person gets when they add PeerBot in a 1:1 chat: the app's name (as the manifest has it) and its commands.</summary>
public static class TeamsWelcome
{
    public const string AppName = "PeerBot";

    public static ChatMessage Build(IEnumerable<CommandInfo> verbs)
    {
        var help = HelpMessage.Build(verbs, unknownVerb: null, prefix: "");
        var headline = $"Thanks for adding {AppName}! Type a command below, no slash needed — `join` is the place to start.";
        return new ChatMessage($"{headline}\n{help.Text}", [new TextBlock(headline), .. help.Blocks.Skip(1)]);
    }
}
