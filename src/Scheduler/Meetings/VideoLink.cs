namespace PeerBot.Scheduler.Meetings;

/// <summary>
/// The workspace's video-call link (<c>admin video https://…</c>), added to introductions and invitations. It may hold
/// <c>{pair}</c>, which becomes a short id of each pairing, so every pair or pod gets a room of its own.
/// </summary>
public static class VideoLink
{
    public const string PairPlaceholder = "{pair}";

    public const int MaxLength = 500;

    /// <summary>An https address with a host, nothing else: the link goes into messages and calendar files people click.</summary>
    public static bool IsValid(string template) =>
        template.Length <= MaxLength && !template.Any(char.IsWhiteSpace) && For(template, Guid.Empty) is not null;

    /// <summary>The link for one pairing; null when the template does not make a valid https address.</summary>
    public static Uri? For(string? template, Guid pairingId) =>
        template is { Length: > 0 }
        && Uri.TryCreate(template.Replace(PairPlaceholder, $"peerbot-{pairingId.ToString("N")[^10..]}", StringComparison.OrdinalIgnoreCase), UriKind.Absolute, out var uri)
        && uri.Scheme == Uri.UriSchemeHttps && uri.Host.Length > 0 && uri.UserInfo.Length == 0
            ? uri
            : null;
}
