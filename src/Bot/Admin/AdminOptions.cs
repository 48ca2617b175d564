namespace PeerBot.Bot.Admin;

/// <summary>Settings under <c>PeerBot</c> about who runs a workspace.</summary>
public sealed class AdminOptions
{
    /// <summary>Platform user ids (comma-separated) that are PeerBot admins besides the platform's own admins and owners.</summary>
    public string Admins { get; set; } = "";

    public IReadOnlySet<string> AdminIds => Admins.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
}
