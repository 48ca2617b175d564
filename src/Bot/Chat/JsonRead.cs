using System.Text.Json;

namespace PeerBot.Bot.Chat;

/// <summary>Reading the platforms' payloads (Slack, Bot Framework), where any field may be absent or of another kind.</summary>
public static class JsonRead
{
    /// <summary>The string at <paramref name="path"/> (property names, outermost first); null when anything on the way is missing or not an object, or the value is not a string.</summary>
    public static string? Str(JsonElement e, params ReadOnlySpan<string> path) =>
        At(e, path) is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;

    /// <summary>True only when the value at <paramref name="path"/> is JSON <c>true</c>.</summary>
    public static bool Flag(JsonElement e, params ReadOnlySpan<string> path) =>
        At(e, path) is { ValueKind: JsonValueKind.True };

    private static JsonElement? At(JsonElement e, ReadOnlySpan<string> path)
    {
        foreach (var name in path)
        {
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out e))
            {
                return null;
            }
        }

        return e;
    }
}
