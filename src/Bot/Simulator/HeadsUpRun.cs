using System.Globalization;
using PeerBot.Scheduler.Rounds;
using PeerBot.Scheduler.Workspaces;

namespace PeerBot.Bot.Simulator;

/// <summary>The heads-up before the next pairing round, as its job sends it on the school day before (here: now, whatever the day).</summary>
public sealed class HeadsUpRun(IServiceProvider services) : ITimeRun
{
    public string Id => "heads-up";

    public async Task<string> RunAsync(Workspace workspace, CancellationToken ct)
    {
        var (day, sent) = await services.GetRequiredService<RoundHeadsUpJob>().SendForNextRoundAsync(workspace.Id, ct);
        return day is { } roundDay
            ? string.Create(CultureInfo.InvariantCulture, $"Heads-up for the round on {roundDay:dddd d MMMM} queued for {sent} member{(sent == 1 ? "" : "s")} (each can skip it or pause).")
            : "No pairing round is scheduled within a year: no heads-up to send.";
    }
}
