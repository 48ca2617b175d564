namespace PeerBot.Bot.Reports;

/// <summary>What a report link turned out to be.</summary>
public enum ReportLinkCheck
{
    Valid,
    Invalid,
    Expired,

    /// <summary>Signed and unexpired, but made for someone who may no longer read reports (removed as coach, left, no longer admin).</summary>
    Revoked,
}
