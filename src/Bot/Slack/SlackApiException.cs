namespace PeerBot.Bot.Slack;

/// <summary>Slack answered <c>ok: false</c>; <see cref="Error"/> is Slack's error code (e.g. "channel_not_found").</summary>
public sealed class SlackApiException(string method, string error, IReadOnlyList<string> details)
    : Exception($"Slack {method} failed: {error}{(details.Count > 0 ? " (" + string.Join("; ", details) + ")" : "")}")
{
    public string Method { get; } = method;
    public string Error { get; } = error;
    public IReadOnlyList<string> Details { get; } = details;
}
