using PeerBot.Bot.Slack;
using PeerBot.Scheduler.Workspaces;

namespace PeerBot.Bot.Simulator;

/// <summary>
/// The page's "time" panel: runs what the scheduler would run, for the simulated workspace, then skips ahead to
/// the teachers' after-class window so the messages it queued are delivered now. A week in a few clicks.
/// </summary>
public sealed class TimePanel(IEnumerable<ITimeRun> runs, WorkspaceDirectory workspaces, QuietHoursSkip skip)
{
    /// <summary>The buttons, in the week's order.</summary>
    public static readonly IReadOnlyList<(string Id, string Label, string Explains)> Buttons =
    [
        ("heads-up", "Send the round heads-up", "\"Pairing round tomorrow — you're in\" with Skip and Pause, to each member the next round would pair (the school day before, 15:30)"),
        ("round", "Run a pairing round", "Mentor proposals, pods introduced in group DMs (every other Monday 08:00)"),
        ("checkins", "Send check-in nudges", "\"Did you meet?\" to every active pairing (Thursday 15:30)"),
        ("pulse", "Open a wellness pulse", "A few 1–5 questions by DM, anonymous (every other Friday 14:00)"),
        ("pulse-reminder", "Send the pulse reminder", "Only to those who have not answered (two days later)"),
        ("ask", "Move unanswered questions on", "A question nobody claimed: next 5 peers, then the support channel, then the asker is told (a school day each)"),
    ];

    public IReadOnlyList<TimeButton> State() =>
        [.. Buttons.Select(b => new TimeButton(b.Id, b.Label, b.Explains))];

    public async Task<string> RunAsync(string id, CancellationToken ct)
    {
        if (runs.FirstOrDefault(r => r.Id == id) is not { } run)
        {
            return $"There is no \"{id}\" to run: the panel's buttons are {string.Join(", ", Buttons.Select(b => b.Id))}.";
        }

        var workspace = await workspaces.GetOrCreateAsync(SlackChatGateway.PlatformName, SimulatedWorkspace.TeamId, SimulatedWorkspace.TeamDomain, ct);
        var done = await run.RunAsync(workspace, ct);
        var moved = await skip.DeliverWaitingNowAsync(workspace.Id, ct);
        return moved == 0 ? done : $"{done} Skipped ahead to after class: {moved} waiting message{(moved == 1 ? "" : "s")} going out now.";
    }
}
