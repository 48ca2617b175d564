using System.Reflection;

namespace PeerBot.Bot.Slack;

/// <summary>
/// Which bot scope each Slack Web API method PeerBot calls needs, as Slack checks it (<c>missing_scope</c>
/// otherwise), and the scopes the app manifest asks for. The Slack stand-ins (test fake, simulator) refuse
/// what Slack would refuse by asking this table; a test holds the table to Slack's published spec.
/// </summary>
public static class SlackScopes
{
    /// <summary>Methods whose scope depends on the conversation: the key is the scope's suffix, the kind its prefix.</summary>
    private static readonly Dictionary<string, string> ByConversationKind = new(StringComparer.Ordinal)
    {
        ["conversations.history"] = "history",
        ["conversations.open"] = "write",
    };

    private static readonly Dictionary<string, string?> Fixed = new(StringComparer.Ordinal)
    {
        ["chat.postMessage"] = "chat:write",
        ["chat.postEphemeral"] = "chat:write",
        ["users.info"] = "users:read",
        ["files.getUploadURLExternal"] = "files:write",
        ["files.completeUploadExternal"] = "files:write",
        ["views.open"] = null,
        ["views.update"] = null,
        ["views.push"] = null,
        ["views.publish"] = null,
        ["auth.test"] = null,
        ["oauth.v2.access"] = null,
        // Called with the app-level token (xapp-…), whose connections:write is not a bot scope.
        ["apps.connections.open"] = null,
    };

    /// <summary>Every method this table knows (and so every method PeerBot may call).</summary>
    public static IEnumerable<string> Methods => Fixed.Keys.Concat(ByConversationKind.Keys);

    /// <summary>
    /// The scope <paramref name="method"/> needs for a conversation of <paramref name="kind"/>
    /// ("im", "mpim", "channels" for a public channel, "groups" for a private one); null when it needs none.
    /// </summary>
    public static string? Needed(string method, string? kind = null) =>
        ByConversationKind.TryGetValue(method, out var suffix) ? $"{kind ?? "im"}:{suffix}"
        : Fixed.TryGetValue(method, out var scope) ? scope
        : throw new ArgumentException($"Slack method {method} is not in the scope table", nameof(method));

    /// <summary>The bot scopes the app manifest asks for, i.e. what an install grants (read from the embedded manifest).</summary>
    public static IReadOnlySet<string> Requested { get; } = ReadManifestScopes();

    private static HashSet<string> ReadManifestScopes()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("PeerBot.SlackManifest")
            ?? throw new InvalidOperationException("The Slack manifest is not embedded");
        using var reader = new StreamReader(stream);
        var lines = reader.ReadToEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var bot = lines.FindIndex(l => l.Trim() == "bot:");
        var indent = bot < 0 ? 0 : lines[bot].Length - lines[bot].TrimStart().Length;
        // The list under oauth_config.scopes.bot: "- scope" lines until the indentation falls back.
        return bot < 0 ? [] : [.. lines.Skip(bot + 1)
            .TakeWhile(l => l.Length - l.TrimStart().Length > indent && l.TrimStart().StartsWith('-'))
            .Select(l => l.TrimStart()[1..].Trim())];
    }
}
