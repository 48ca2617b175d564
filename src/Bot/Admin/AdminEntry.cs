using System.Text.RegularExpressions;
using PeerBot.Scheduler.Workspaces;

namespace PeerBot.Bot.Admin;

/// <summary>One <c>PeerBot__Admins</c> entry: a person, and the workspace they administer (null for a bare id).</summary>
public sealed partial record AdminEntry(string? Workspace, string User)
{
    /// <summary>
    /// <c>T0123:U0456</c> and <c>{tenant guid}:{object id}</c> are scoped; <c>U0456</c> and <c>29:1abc</c> (a Bot Framework id,
    /// whose "29" is no workspace) are bare. Only a Slack team/enterprise id or a tenant GUID counts as a scope.
    /// </summary>
    public static AdminEntry Parse(string entry)
    {
        var colon = entry.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && colon < entry.Length - 1 && entry[..colon] is var scope && (Guid.TryParse(scope, out _) || SlackTeam().IsMatch(scope)))
        {
            return new AdminEntry(scope, entry[(colon + 1)..]);
        }

        return new AdminEntry(null, entry);
    }

    public bool Names(string userId, string? directoryId) =>
        string.Equals(User, userId, StringComparison.Ordinal) || (directoryId is { Length: > 0 } && string.Equals(User, directoryId, StringComparison.OrdinalIgnoreCase));

    public bool IsFor(Workspace workspace) => Workspace is not null && string.Equals(Workspace, workspace.ExternalId, StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex("^[TE][A-Z0-9]{2,}$")]
    private static partial Regex SlackTeam();
}
