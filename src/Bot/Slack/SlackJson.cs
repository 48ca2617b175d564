using System.Text.Json;
using System.Text.Json.Serialization;

namespace PeerBot.Bot.Slack;

internal static class SlackJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
