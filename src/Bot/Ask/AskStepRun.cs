using PeerBot.Bot.Simulator;
using PeerBot.Scheduler.Ask;
using PeerBot.Scheduler.Workspaces;

namespace PeerBot.Bot.Ask;

/// <summary>The simulator's "a school day later" for questions: every unclaimed question takes its next routing step, as its job would.</summary>
public sealed class AskStepRun(AskStore questions, AskFollowUpJob steps) : ITimeRun
{
    public string Id => "ask";

    public async Task<string> RunAsync(Workspace workspace, CancellationToken ct)
    {
        var due = await questions.UnclaimedAsync(workspace.Id, ct);
        foreach (var (id, stage) in due)
        {
            await steps.RunAsync(id, stage, ct);
        }

        return due.Count == 0 ? "No unanswered question to move on." : $"{due.Count} unanswered question{(due.Count == 1 ? "" : "s")} moved one school day on.";
    }
}
