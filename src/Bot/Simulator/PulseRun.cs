using PeerBot.Scheduler.Delivery;
using PeerBot.Scheduler.Pulse;
using PeerBot.Scheduler.Workspaces;

namespace PeerBot.Bot.Simulator;

/// <summary>Opens a wellness pulse the way its schedule would (every member not paused is asked, in their after-class window).</summary>
public sealed class PulseRun(IServiceProvider services, PulseMemory memory, TimeProvider clock) : ITimeRun
{
    public string Id => "pulse";

    public async Task<string> RunAsync(Workspace workspace, CancellationToken ct)
    {
        var job = services.GetRequiredService<PulseJob>();
        var (pulse, invited, _) = await job.OpenAsync(workspace.Id, $"simulator:{clock.GetUtcNow():yyyyMMddHHmmss}", Urgency.Scheduled, ct);
        memory.Last = pulse.Id;
        return $"Pulse opened with {pulse.Questions.Count} questions; {invited} member{(invited == 1 ? "" : "s")} invited by DM.";
    }
}
