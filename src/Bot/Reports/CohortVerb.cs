using PeerBot.Bot.Admin;
using PeerBot.Bot.Commands;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Pulse;

namespace PeerBot.Bot.Reports;

/// <summary><c>admin cohort list | set @user &lt;cohort&gt; | rename &lt;old&gt; &lt;new&gt;</c>: the groups reports break down by.</summary>
public sealed class CohortVerb(CohortStore cohorts) : IAdminVerb
{
    public string Name => "cohort";

    public string Usage => "cohort list | set @user <cohort> | rename <old> <new>";

    public async Task<ChatMessage> HandleAsync(ChatCommand command, string arguments, CancellationToken ct)
    {
        var (what, rest) = CommandRouter.Split(arguments);
        var parts = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        switch (what)
        {
            case "list" or "":
                var list = await cohorts.ListAsync(command.Workspace.Id, ct);
                return ChatMessage.Plain(list.Count == 0 ? "Nobody has joined yet." : "Cohorts (members):\n" + string.Join("\n", list.Select(c => $"• {c.Cohort ?? "(no cohort)"}: {c.Members}")));
            case "set" when parts.Length == 2 && UserMention.TryRead(parts[0]) is { } userId:
                var cohort = parts[1] is "none" or "-" ? null : parts[1].ToLowerInvariant();
                return ChatMessage.Plain(await cohorts.AssignAsync(command.Workspace.Id, userId, cohort, ct)
                    ? $"<@{userId}> is now in cohort {cohort ?? "(none)"}. Their earlier pulse answers keep the cohort they were given in."
                    : $"<@{userId}> hasn't joined PeerBot, so there's no profile to put in a cohort.");
            case "rename" when parts.Length == 2:
                var moved = await cohorts.RenameAsync(command.Workspace.Id, parts[0], parts[1].ToLowerInvariant(), ct);
                return ChatMessage.Plain($"Renamed cohort {parts[0]} to {parts[1].ToLowerInvariant()} ({moved} member{(moved == 1 ? "" : "s")}); past pulse totals follow the new name.");
            default:
                return ChatMessage.Plain($"Try `{command.Prefix}admin cohort list`, `{command.Prefix}admin cohort set @ana new-2026` or `{command.Prefix}admin cohort rename district-b district-north`.");
        }
    }
}
