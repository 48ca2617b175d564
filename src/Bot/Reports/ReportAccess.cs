using PeerBot.Bot.Admin;
using PeerBot.Scheduler.Pulse;
using PeerBot.Scheduler.Workspaces;

namespace PeerBot.Bot.Reports;

/// <summary>Reports are for coaches (named by an admin) and admins of that workspace — nobody else, and only while they are.</summary>
public sealed class ReportAccess(CoachStore coaches, AdminGate admins, WorkspaceDirectory workspaces)
{
    public async Task<bool> MayReadAsync(Workspace workspace, string userId, CancellationToken ct) =>
        await coaches.IsCoachAsync(workspace.Id, userId, ct) || await admins.IsAdminAsync(workspace, userId, ct);

    /// <summary>Checked on every use of a report link: the person it was made for still may read this workspace's reports.</summary>
    public async Task<bool> MayStillReadAsync(Guid workspaceId, string userId, CancellationToken ct) =>
        userId.Length > 0 && await workspaces.FindAsync(workspaceId, ct) is { } workspace && await MayReadAsync(workspace, userId, ct);
}
