using PeerBot.Scheduler.Workspaces;

namespace PeerBot.Bot.Simulator;

/// <summary>One thing the scheduler would run on its own (a pairing round, the check-in nudges, a pulse …), runnable from the page's time panel.</summary>
public interface ITimeRun
{
    /// <summary>The panel's button id: "round", "checkins", "pulse", "pulse-reminder".</summary>
    string Id { get; }

    /// <summary>Runs it for the simulated workspace; returns one line for the page about what happened.</summary>
    Task<string> RunAsync(Workspace workspace, CancellationToken ct);
}
