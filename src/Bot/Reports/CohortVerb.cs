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
                var (from, to) = (parts[0], parts[1].ToLowerInvariant());
                var (outcome, moved) = from == to ? (CohortRename.WouldMerge, 0) : await cohorts.RenameAsync(command.Workspace.Id, from, to, ct);
                return ChatMessage.Plain(outcome switch
                {
                    CohortRename.Renamed => $"Renamed cohort {from} to {to} ({moved} member{(moved == 1 ? "" : "s")}); past pulse totals keep their numbers under the new name.",
                    CohortRename.NotFound => $"There's no cohort called {from}. `{command.Prefix}admin cohort list` shows them.",
                    _ => $"There's already a cohort called {to}, so I didn't rename {from}: merging two cohorts would recount past pulses, and a group kept hidden to protect a few people could then be worked out. " +
                         $"Pick a new name, or move people one at a time with `{command.Prefix}admin cohort set @name {to}` (that changes future pulses only).",
                });
            default:
                return ChatMessage.Plain($"Try `{command.Prefix}admin cohort list`, `{command.Prefix}admin cohort set @ana new-2026` or `{command.Prefix}admin cohort rename district-b district-north`.");
        }
    }
}
