using System.Text.Json;
using System.Text.Json.Serialization;

namespace PeerBot.Bot.Slack;

internal static class SlackJson
{
    public static readonly JsonSerializerOptions Options = ReadOnly(new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Slack reads JSON, not HTML: apostrophes and emoji go as they are.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
    });

    // Frozen before first use: Results.Json sets a resolver on options that are not read-only yet, which raced with
    // another request's first serialization (500 "JsonSerializerOptions instance is read-only" on concurrent first replies).
    private static JsonSerializerOptions ReadOnly(JsonSerializerOptions options)
    {
        options.MakeReadOnly();
        return options;
    }
}
