namespace PeerBot.Scheduler.CheckIns;

/// <summary>What someone said about this week's meeting.</summary>
public enum CheckInAnswer
{
    Met,
    NotYet,
    Skip,
}
