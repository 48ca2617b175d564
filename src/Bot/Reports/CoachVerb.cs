using PeerBot.Bot.Admin;
using PeerBot.Bot.Commands;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Pulse;

namespace PeerBot.Bot.Reports;

/// <summary><c>admin coach add|remove @user</c>, <c>admin coach list</c>: who may pull pulse reports.</summary>
public sealed class CoachVerb(CoachStore coaches, TimeProvider clock) : IAdminVerb
{
    public string Name => "coach";

    public string Usage => "coach add|remove @user | coach list";

    public async Task<ChatMessage> HandleAsync(ChatCommand command, string arguments, CancellationToken ct)
    {
        var (what, who) = CommandRouter.Split(arguments);
        if (what == "list")
        {
            var list = await coaches.ListAsync(command.Workspace.Id, ct);
            return ChatMessage.Plain(list.Count == 0 ? $"No coaches yet. Add one with `{command.Prefix}admin coach add @name`." : "Coaches: " + string.Join(", ", list.Select(c => $"<@{c}>")));
        }

        if (what is not ("add" or "remove") || UserMention.TryRead(who) is not { } userId)
        {
            return ChatMessage.Plain($"Name the person with an @mention, e.g. `{command.Prefix}admin coach add @ana` or `{command.Prefix}admin coach remove @ana`.");
        }

        if (what == "add")
        {
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            return ChatMessage.Plain(await coaches.AddAsync(command.Workspace.Id, userId, today, ct)
                ? $"<@{userId}> is now a coach: they can pull pulse reports with `{command.Prefix}report` (suppressed totals only, never individual answers)."
                : $"<@{userId}> is already a coach.");
        }

        return ChatMessage.Plain(await coaches.RemoveAsync(command.Workspace.Id, userId, ct)
            ? $"<@{userId}> is no longer a coach; report links they already have stop working when they expire."
            : $"<@{userId}> wasn't a coach.");
    }
}
