using PeerBot.Bot.Admin;
using PeerBot.Scheduler.Pulse;
using PeerBot.Scheduler.Workspaces;

namespace PeerBot.Bot.Reports;

/// <summary>Reports are for coaches (named by an admin) and admins — nobody else.</summary>
public sealed class ReportAccess(CoachStore coaches, AdminGate admins)
{
    public async Task<bool> MayReadAsync(Workspace workspace, string userId, CancellationToken ct) =>
        await coaches.IsCoachAsync(workspace.Id, userId, ct) || await admins.IsAdminAsync(workspace, userId, ct);
}
