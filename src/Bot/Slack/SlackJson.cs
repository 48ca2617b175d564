using System.Text.Json;
using System.Text.Json.Serialization;

namespace PeerBot.Bot.Slack;

internal static class SlackJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Slack reads JSON, not HTML: apostrophes and emoji go as they are.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
