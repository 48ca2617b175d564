namespace PeerBot.Bot.Admin;

/// <summary>Settings under <c>PeerBot</c> about who runs a workspace.</summary>
public sealed class AdminOptions
{
    /// <summary>
    /// PeerBot admins besides the platform's own admins and owners, comma-separated, each scoped to its workspace:
    /// <c>TEAM:USER</c> (Slack team id and user id) or <c>TENANT:AADOBJECTID</c> (Teams tenant id and the person's
    /// Azure AD object id, or their Bot Framework id). A bare user id counts only where the platform serves a single workspace.
    /// </summary>
    public string Admins { get; set; } = "";

    public IReadOnlyList<AdminEntry> Entries => [.. Admins.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(AdminEntry.Parse)];
}
