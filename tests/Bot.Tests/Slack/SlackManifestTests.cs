using System.Text.Json;
using NJsonSchema;
using PeerBot.Bot.Tests.Infrastructure;
using YamlDotNet.Serialization;

namespace PeerBot.Bot.Tests.Slack;

public sealed class SlackManifestTests
{
    private static readonly string ManifestPath = Path.Combine(Paths.RepositoryRoot, "manifests", "slack", "manifest.yml");

    [Fact]
    public async Task Manifest_IsValidAgainstSlackSchemaV1()
    {
        var schema = await JsonSchema.FromFileAsync(Path.Combine(Paths.Specs, "slack", "schemas", "manifest.schema.1.0.0.json"));
        var errors = schema.Validate(ManifestJson());
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
    }

    [Fact]
    public void Manifest_SubscribesToEveryEventPeerBotHandles()
    {
        using var doc = JsonDocument.Parse(ManifestJson());
        var settings = doc.RootElement.GetProperty("settings");
        var events = settings.GetProperty("event_subscriptions").GetProperty("bot_events").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal(["app_home_opened", "message.im", "app_uninstalled", "tokens_revoked", "user_change"], events);
        Assert.EndsWith("/slack/events", settings.GetProperty("event_subscriptions").GetProperty("request_url").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/slack/interactivity", settings.GetProperty("interactivity").GetProperty("request_url").GetString(), StringComparison.Ordinal);
        Assert.False(settings.GetProperty("socket_mode_enabled").GetBoolean());
        var oauth = doc.RootElement.GetProperty("oauth_config");
        Assert.EndsWith("/slack/oauth/callback", oauth.GetProperty("redirect_urls")[0].GetString(), StringComparison.Ordinal);
        Assert.False(oauth.GetProperty("scopes").TryGetProperty("user", out _), "PeerBot asks for no user-token scopes");
        var command = doc.RootElement.GetProperty("features").GetProperty("slash_commands")[0];
        Assert.Equal("/peer", command.GetProperty("command").GetString());
        Assert.Contains("find", command.GetProperty("usage_hint").GetString(), StringComparison.Ordinal);
        Assert.True(doc.RootElement.GetProperty("features").GetProperty("app_home").GetProperty("messages_tab_enabled").GetBoolean());
    }

    [Fact]
    public void Manifest_OffersTheGlobalShortcutsPeerBotAnswers_WithTheScopeTheyNeed()
    {
        using var doc = JsonDocument.Parse(ManifestJson());
        var shortcuts = doc.RootElement.GetProperty("features").GetProperty("shortcuts").EnumerateArray()
            .Select(s => (Name: s.GetProperty("name").GetString(), Type: s.GetProperty("type").GetString(), CallbackId: s.GetProperty("callback_id").GetString()!))
            .ToList();

        Assert.Equal([("Find a peer", "global", PeerBot.Bot.Slack.SlackShortcuts.FindAPeer), ("Check in", "global", PeerBot.Bot.Slack.SlackShortcuts.CheckIn)], shortcuts);
        // Every callback id the manifest names is one the interactivity endpoint answers, and the other way round.
        Assert.Equal(PeerBot.Bot.Slack.SlackShortcuts.Verbs.Keys.Order(), shortcuts.Select(s => s.CallbackId).Order());
        // Shortcuts (like the slash command) need the commands scope; opening their modal (views.open) needs none.
        var scopes = doc.RootElement.GetProperty("oauth_config").GetProperty("scopes").GetProperty("bot").EnumerateArray().Select(s => s.GetString()).ToList();
        Assert.Contains("commands", scopes);
        Assert.Null(PeerBot.Bot.Slack.SlackScopes.Needed("views.open"));
        Assert.True(doc.RootElement.GetProperty("settings").GetProperty("interactivity").GetProperty("is_enabled").GetBoolean());
    }

    [Fact]
    public void Readme_JustifiesEveryBotScope()
    {
        using var doc = JsonDocument.Parse(ManifestJson());
        var readme = File.ReadAllText(Path.Combine(Paths.RepositoryRoot, "README.md"));
        foreach (var scope in doc.RootElement.GetProperty("oauth_config").GetProperty("scopes").GetProperty("bot").EnumerateArray())
        {
            Assert.Contains($"| `{scope.GetString()}` |", readme, StringComparison.Ordinal);
        }
    }

    /// <summary>YAML → JSON with booleans as booleans (YamlDotNet reads scalars as strings).</summary>
    private static string ManifestJson()
    {
        var yaml = new DeserializerBuilder().Build().Deserialize<object>(File.ReadAllText(ManifestPath));
        return JsonSerializer.Serialize(Normalise(yaml));
    }

    private static object? Normalise(object? node) => node switch
    {
        IDictionary<object, object> map => map.ToDictionary(kv => (string)kv.Key, kv => Normalise(kv.Value)),
        IList<object> list => list.Select(Normalise).ToList(),
        "true" => true,
        "false" => false,
        string s when int.TryParse(s, out var n) => n,
        _ => node,
    };
}
