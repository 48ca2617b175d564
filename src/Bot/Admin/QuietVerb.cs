using System.Globalization;
using PeerBot.Bot.Commands;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Members;

namespace PeerBot.Bot.Admin;

/// <summary><c>admin quiet &lt;rounds&gt;</c>: after how many silent rounds (never met, no check-in answered) a member is paused with a kind note.</summary>
public sealed class QuietVerb(QuietMembers quiet) : IAdminVerb
{
    public string Name => "quiet";

    public string Usage => $"quiet <rounds>, e.g. quiet {QuietMembers.DefaultRounds}";

    public async Task<ChatMessage> HandleAsync(ChatCommand command, string arguments, CancellationToken ct)
    {
        if (!int.TryParse(arguments.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var rounds) || rounds is < 1 or > QuietMembers.MaxRounds)
        {
            return ChatMessage.Plain($"Give a number of rounds from 1 to {QuietMembers.MaxRounds}, e.g. `{command.Prefix}admin quiet {QuietMembers.DefaultRounds}` (the default).");
        }

        await quiet.SetRoundsAsync(command.Workspace.Id, rounds, ct);
        return ChatMessage.Plain(string.Create(CultureInfo.InvariantCulture,
            $"From the next round on, a member whose pairings haven't met in {rounds} round{(rounds == 1 ? "" : "s")} and who answered no check-in is paused with a kind note and a one-tap \"I'm back\". `{command.Prefix}admin show` counts them."));
    }
}
