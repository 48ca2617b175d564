using System.Globalization;
using PeerBot.Bot.Commands;
using PeerBot.Bot.Commands.Profiles;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Members;
using PeerBot.Scheduler.Rounds;

namespace PeerBot.Bot.Rounds;

/// <summary>One of the break lengths offered after <em>Pause…</em>: the same pause as <c>pause N</c>.</summary>
public sealed class PauseForAction(MemberDirectory members, TimeProvider clock) : IActionHandler
{
    public string ActionId => RoundHeadsUp.PauseForAction;

    public async Task<CommandReply?> HandleAsync(ChatAction action, CancellationToken ct)
    {
        if (!int.TryParse(action.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var weeks) || weeks is < 1 or > PauseCommand.MaxWeeks)
        {
            weeks = PauseCommand.DefaultWeeks;
        }

        var until = clock.GetUtcNow().AddDays(7 * weeks);
        return await members.SetPauseAsync(action.Workspace.Id, action.Caller.UserId, until, ct)
            ? new MessageReply(ChatMessage.Plain(string.Create(CultureInfo.InvariantCulture,
                $"Paused for {weeks} week{(weeks == 1 ? "" : "s")}, until {until:dddd d MMMM}. No nudges, pulses or new pairings until then — take care of yourself. `{action.Prefix}resume` to come back sooner.")))
            : new MessageReply(ProfileCommand.NotJoined(action.Prefix));
    }
}
