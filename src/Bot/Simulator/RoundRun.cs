using PeerBot.Scheduler.Delivery;
using PeerBot.Scheduler.Rounds;
using PeerBot.Scheduler.Workspaces;

namespace PeerBot.Bot.Simulator;

/// <summary>
/// A pairing round as the schedule runs it (scheduled urgency: messages wait for after class), minus the
/// "is this a round week?" check — pressing the button is saying "it is round day".
/// </summary>
public sealed class RoundRun(IServiceProvider services, TimeProvider clock) : ITimeRun
{
    public string Id => "round";

    public async Task<string> RunAsync(Workspace workspace, CancellationToken ct)
    {
        var round = services.GetRequiredService<PairingRound>();
        var outcome = await round.RunAsync(workspace.Id, $"simulator:{clock.GetUtcNow():yyyyMMddHHmmssfff}", Urgency.Scheduled, RoundScope.Full, ct);
        var p = outcome.Plan;
        return $"Round done: {p.Pods} pod{(p.Pods == 1 ? "" : "s")} introduced in group DMs, {p.MentorPairs} mentor proposal{(p.MentorPairs == 1 ? "" : "s")} sent to mentors (the pair is introduced when the mentor accepts), {p.LeftOut.Count} left out (each told why).";
    }
}
