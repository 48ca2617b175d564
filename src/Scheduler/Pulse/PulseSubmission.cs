namespace PeerBot.Scheduler.Pulse;

/// <summary>What became of a member's answers.</summary>
public enum PulseSubmission
{
    Recorded,
    AlreadyAnswered,
    Closed,
}
