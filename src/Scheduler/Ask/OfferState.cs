namespace PeerBot.Scheduler.Ask;

/// <summary>What a peer did with a question offered to them.</summary>
public enum OfferState
{
    Offered,
    Claimed,
    Declined,
}
