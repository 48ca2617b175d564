using PeerBot.Scheduler.CheckIns;
using PeerBot.Scheduler.Workspaces;

namespace PeerBot.Bot.Simulator;

/// <summary>The weekly check-in nudge, exactly as its recurring job runs it (it schedules its own reminder two days on).</summary>
public sealed class CheckInRun(IServiceProvider services) : ITimeRun
{
    public string Id => "checkins";

    public async Task<string> RunAsync(Workspace workspace, CancellationToken ct)
    {
        await services.GetRequiredService<CheckInNudgeJob>().RunScheduledAsync(workspace.Id, ct);
        return "Check-in nudges queued for every active pairing with nobody paused (none during a school break).";
    }
}
