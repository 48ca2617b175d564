namespace PeerBot.Bot.Reports;

/// <summary>What a report link turned out to be.</summary>
public enum ReportLinkCheck
{
    Valid,
    Invalid,
    Expired,
}
