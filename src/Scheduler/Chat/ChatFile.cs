namespace PeerBot.Scheduler.Chat;

/// <summary>A file that goes with a message (a report's chart, its CSV).</summary>
/// <param name="MediaType">e.g. <c>image/png</c>, <c>text/csv</c>.</param>
/// <param name="Link">Where the same file can be fetched (signed, expiring), for platforms that show files by link; null when PeerBot has no public address.</param>
public sealed record ChatFile(string Name, string Title, string MediaType, byte[] Bytes, Uri? Link = null)
{
    public bool IsImage => MediaType.StartsWith("image/", StringComparison.Ordinal);
}
