namespace PeerBot.Scheduler.Rounds;

/// <summary>The result of running a round: its id and plan, or that this run key had already run.</summary>
public sealed record RoundOutcome(Guid? RoundId, RoundPlan Plan, bool AlreadyRan);
