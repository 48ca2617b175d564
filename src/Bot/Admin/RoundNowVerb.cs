using PeerBot.Bot.Commands;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Delivery;
using PeerBot.Scheduler.Rounds;

namespace PeerBot.Bot.Admin;

/// <summary><c>admin round now</c>: runs a pairing round at once; its messages go out now, not at the next after-class window.</summary>
public sealed class RoundNowVerb(PairingRound round, TimeProvider clock) : IAdminVerb
{
    public string Name => "round";

    public string Usage => "round now";

    public async Task<ChatMessage> HandleAsync(ChatCommand command, string arguments, CancellationToken ct)
    {
        if (!arguments.Trim().Equals("now", StringComparison.OrdinalIgnoreCase))
        {
            return ChatMessage.Plain($"To run a pairing round right away: `{command.Prefix}admin round now`. To see what it would do first: `{command.Prefix}admin preview`.");
        }

        var outcome = await round.RunAsync(command.Workspace.Id, $"now:{clock.GetUtcNow():yyyyMMddHHmmss}:{Guid.NewGuid():N}", Urgency.Now, RoundScope.Full, ct);
        if (outcome.AlreadyRunning)
        {
            return ChatMessage.Plain($"A pairing round is already running in this workspace — nothing was changed. Its messages are on their way; `{command.Prefix}admin show` tracks delivery.");
        }

        if (outcome.AlreadyRan)
        {
            return ChatMessage.Plain("That round is already running — its messages are on their way.");
        }

        var p = outcome.Plan;
        return ChatMessage.Plain($"Round done: {p.MentorPairs} mentor proposal{(p.MentorPairs == 1 ? "" : "s")} sent to mentors, {p.Pods} pod{(p.Pods == 1 ? "" : "s")} introduced, {p.LeftOut.Count} left out (each told kindly why). `{command.Prefix}admin show` tracks delivery.");
    }
}
