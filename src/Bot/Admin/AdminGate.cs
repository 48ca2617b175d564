using Microsoft.Extensions.Options;
using PeerBot.Bot.Workspaces;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Workspaces;

namespace PeerBot.Bot.Admin;

/// <summary>
/// Who may run <c>admin</c> verbs (and read reports): the platform's admins and owners of that workspace, plus the
/// <c>PeerBot__Admins</c> entries scoped to it. A bare id counts only in the one workspace a single-workspace platform serves,
/// so an admin of one school is never an admin of another that shares the bot.
/// </summary>
public sealed class AdminGate(IOptions<AdminOptions> options, ChatGateways gateways, IEnumerable<IPlatformTenancy> tenancies)
{
    public async Task<bool> IsAdminAsync(Workspace workspace, string userId, CancellationToken ct)
    {
        var entries = Applicable(workspace);
        if (entries.Any(e => e.Names(userId, null)))
        {
            return true;
        }

        var user = await gateways.For(workspace).GetUserAsync(workspace, userId, ct);
        if (user?.DirectoryId is { } directoryId && entries.Any(e => e.Names(userId, directoryId)))
        {
            return true;
        }

        return user is { IsAdmin: true, IsBot: false };
    }

    /// <summary>The admins named in settings for this workspace (the platform's own admins are not listed here).</summary>
    public IReadOnlyList<string> Configured(Workspace workspace) => [.. Applicable(workspace).Select(e => e.User).Distinct(StringComparer.Ordinal)];

    private List<AdminEntry> Applicable(Workspace workspace)
    {
        var single = tenancies.Any(t => t.IsTheSingleWorkspace(workspace));
        return [.. options.Value.Entries.Where(e => e.IsFor(workspace) || (e.Workspace is null && single))];
    }
}
