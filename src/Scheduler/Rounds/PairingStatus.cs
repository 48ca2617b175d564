namespace PeerBot.Scheduler.Rounds;

/// <summary>Where a pairing stands. A mentor pair starts <see cref="Proposed"/> (the mentor says yes first); a pod starts <see cref="Active"/>.</summary>
public enum PairingStatus
{
    Proposed,
    Active,
    Declined,
    Expired,
    Ended,
}
