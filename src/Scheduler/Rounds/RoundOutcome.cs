namespace PeerBot.Scheduler.Rounds;

/// <summary>The result of running a round: its id and plan, or that this run key had already run, or that another round was under way.</summary>
public sealed record RoundOutcome(Guid? RoundId, RoundPlan Plan, bool AlreadyRan)
{
    /// <summary>Another round of the workspace held the lock: this one changed nothing.</summary>
    public bool AlreadyRunning { get; init; }
}
