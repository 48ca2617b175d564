using System.Text.Json;
using System.Text.RegularExpressions;
using PeerBot.Bot.Slack;
using PeerBot.Bot.Tests.Infrastructure;
using PeerBot.Bot.Tests.Scheduler;
using PeerBot.Scheduler.Delivery;
using YamlDotNet.Serialization;

namespace PeerBot.Bot.Tests.Slack;

public sealed partial class SlackScopeTests
{
    // Conversations the code reads or opens: DMs, group DMs (pairs, pods), and the introductions channel (public or private).
    private static readonly string?[] HistoryKinds = ["im", "mpim", "channels", "groups"];
    private static readonly string?[] OpenKinds = ["im", "mpim"];

    // Scopes for what is not a Web API call: the slash command and the global shortcuts, and the message.im event subscription.
    private static readonly string[] NonMethodScopes = ["commands", "im:history"];

    [Fact]
    public void EveryWebApiMethodTheCodeCalls_IsCoveredByTheManifest_AndTheManifestAsksForNothingMore()
    {
        var called = CalledMethods();
        Assert.Contains("chat.postMessage", called);
        Assert.Contains("files.completeUploadExternal", called);
        Assert.Contains("conversations.history", called);

        var needed = new HashSet<string>(NonMethodScopes, StringComparer.Ordinal);
        foreach (var method in called)
        {
            string?[] kinds = method switch { "conversations.history" => HistoryKinds, "conversations.open" => OpenKinds, _ => [null] };
            foreach (var kind in kinds)
            {
                if (SlackScopes.Needed(method, kind) is { } scope)
                {
                    needed.Add(scope);
                }
            }
        }

        var manifest = ManifestBotScopes();
        Assert.Empty(needed.Except(manifest).Order());
        Assert.Empty(manifest.Except(needed).Order());
        Assert.Equal(manifest.Order(), SlackScopes.Requested.Order());
    }

    [Fact]
    public void ScopeTable_AgreesWithSlacksPublishedPerMethodScopes()
    {
        using var spec = JsonDocument.Parse(File.ReadAllText(Path.Combine(Paths.Specs, "slack", "web-api.openapi-v2.json")));
        var paths = spec.RootElement.GetProperty("paths");
        foreach (var method in CalledMethods())
        {
            if (!paths.TryGetProperty("/" + method, out var path))
            {
                // Newer than the published spec; Slack's method pages: files:write for both upload steps, app token for Socket Mode.
                Assert.Equal(method switch { "files.getUploadURLExternal" or "files.completeUploadExternal" => "files:write", _ => null }, SlackScopes.Needed(method));
                continue;
            }

            var published = path.EnumerateObject().First().Value.GetProperty("security")[0].GetProperty("slackAuth")
                .EnumerateArray().Select(s => s.GetString()!).Select(Granular).Distinct().ToList();
            if (published is ["none"])
            {
                Assert.Null(SlackScopes.Needed(method));
            }
            else if (method is "conversations.history" or "conversations.open")
            {
                foreach (var kind in method == "conversations.history" ? HistoryKinds : OpenKinds)
                {
                    Assert.Contains(SlackScopes.Needed(method, kind), published);
                }
            }
            else
            {
                Assert.Contains(SlackScopes.Needed(method), published);
            }
        }
    }

    [Fact]
    public async Task LookBeforeResend_InAGroupDm_IsAllowedByTheManifest_AndFindsTheIntroduction()
    {
        await using var app = await PeerBotApp.StartAsync(new() { ["PeerBot:Outbox:PollInterval"] = "00:00:00.100" });
        var workspace = await app.WorkspaceAsync();
        app.Slack.Seed(["U1", "U2"], "Meet your pod", "crash:pod1");
        await SendingAfterCrashAsync(app, workspace.Id, "crash:pod1", ["U1", "U2"]);
        await SendingAfterCrashAsync(app, workspace.Id, "crash:pod2", ["U3", "U4"]);

        await app.DrainedAsync();

        Assert.Empty(app.Slack.MissingScopes);
        Assert.Single(app.Slack.MessagesIn(FakeSlack.ChannelFor(["U1", "U2"])));
        Assert.Single(app.Slack.MessagesIn(FakeSlack.ChannelFor(["U3", "U4"])));
        Assert.Equal(2, app.Slack.CallsTo("conversations.history").Count);
    }

    [Fact]
    public async Task StrictSlack_RefusesHistoryOfAGroupDm_WhenTheInstallLacksMpimHistory()
    {
        await using var app = await PeerBotApp.StartAsync(new() { ["PeerBot:Outbox:PollInterval"] = "00:00:00.100" });
        app.Slack.GrantedScopes.TryRemove("mpim:history", out _);
        var workspace = await app.WorkspaceAsync();
        await SendingAfterCrashAsync(app, workspace.Id, "crash:pod3", ["U5", "U6"]);

        await app.DrainedAsync();

        Assert.Equal(("conversations.history", "mpim:history"), Assert.Single(app.Slack.MissingScopes));
        // An install from an older manifest cannot look: the pod is still introduced (once), not left to die.
        Assert.Single(app.Slack.MessagesIn(FakeSlack.ChannelFor(["U5", "U6"])));
        Assert.Equal("sent", await app.StateAsync("crash:pod3"));
    }

    private static Task SendingAfterCrashAsync(PeerBotApp app, Guid workspaceId, string key, string[] users) =>
        app.ScalarAsync<int>("""
            insert into outbox (workspace_id, delivery_key, recipients, channel_key, purpose, message, state, attempts, next_attempt_at, claimed_until, claimed_by, uncertain)
            values ($1, $2, $3, $4, 'intro', $5::jsonb, 'pending', 1, now() - interval '1 minute', null, null, true)
            """, workspaceId, key, users, string.Join(',', users), OutboxJson.Serialize(PeerBot.Scheduler.Chat.ChatMessage.Plain("Meet your pod")));

    /// <summary>Every Web API method named at a call site of the Slack client in the bot's source (the simulator excepted).</summary>
    private static HashSet<string> CalledMethods()
    {
        var src = Path.Combine(Paths.RepositoryRoot, "src");
        var methods = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains($"{Path.DirectorySeparatorChar}Simulator{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(file);
            foreach (Match call in CallSite().Matches(text))
            {
                Assert.True(call.Groups["method"].Success, $"{Path.GetRelativePath(src, file)}: a Slack call whose method is not a literal cannot be checked against the manifest: {call.Value}");
                methods.Add(call.Groups["method"].Value);
            }
        }

        // The OAuth exchange does not go through CallAsync but is a Web API method too.
        methods.Add("oauth.v2.access");
        return methods;
    }

    private static HashSet<string> ManifestBotScopes()
    {
        var yaml = new DeserializerBuilder().Build().Deserialize<Dictionary<string, object>>(File.ReadAllText(Path.Combine(Paths.RepositoryRoot, "manifests", "slack", "manifest.yml")));
        var bot = (IList<object>)((IDictionary<object, object>)((IDictionary<object, object>)yaml["oauth_config"])["scopes"])["bot"];
        return [.. bot.Cast<string>()];
    }

    /// <summary>The spec predates granular bot scopes: chat:write:bot is chat:write, files:write:user is files:write.</summary>
    private static string Granular(string scope) => scope switch
    {
        "chat:write:bot" or "chat:write:user" => "chat:write",
        "files:write:user" => "files:write",
        _ => scope,
    };

    [GeneratedRegex("""\.Call(?:Form)?Async\(\s*(?:"(?<method>[a-zA-Z.]+)")?""")]
    private static partial Regex CallSite();
}
