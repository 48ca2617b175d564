namespace PeerBot.Scheduler.Delivery;

/// <summary>Whether a message answers something a person just did, or was planned by a schedule.</summary>
public enum Urgency
{
    /// <summary>A reply to a command or click (or an admin's "round now"): goes at once.</summary>
    Now,

    /// <summary>Planned by a schedule: waits for the recipient's next allowed moment (no weekends, breaks, or outside after-class hours).</summary>
    Scheduled,
}
