using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PeerBot.Bot.Commands.Find;
using PeerBot.Bot.Tests.Infrastructure;
using PeerBot.Bot.Tests.Scheduler;
using PeerBot.Scheduler.Workspaces;

namespace PeerBot.Bot.Tests.Workspaces;

/// <summary>
/// A district runs three instances behind a load balancer on one PostgreSQL and one Slack: whichever instance a
/// request lands on, a teacher gets each reply once, a round runs once, and a change made on one is seen by all.
/// </summary>
public sealed class ThreeInstancesTests : IAsyncLifetime
{
    private const string Admin = "UADMIN";
    private readonly List<PeerBotApp> _apps = [];
    private int _responses;

    private FakeSlack Slack => _apps[0].Slack;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["PeerBot:Admins"] = Admin,
            ["PeerBot:Outbox:PollInterval"] = "00:00:00.100",
            ["PeerBot:ScheduleSyncInterval"] = "00:10:00",
        };
        _apps.Add(await PeerBotApp.StartAsync(settings));
        settings["Slack:ApiBaseUrl"] = Slack.ApiBaseUrl.ToString();
        _apps.Add(await PeerBotApp.StartAsync(settings, connectionString: _apps[0].ConnectionString));
        _apps.Add(await PeerBotApp.StartAsync(settings, connectionString: _apps[0].ConnectionString));
        await Task.WhenAll(_apps.Select(a => a.Services.GetRequiredService<WorkspaceChanges>().Listening));
    }

    public async Task DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task CommandsClicksEventsAndARound_SpreadOverThreeInstances_EachReplyArrivesOnce_AndTheRoundRunsOnce()
    {
        const int peers = 12;
        for (var i = 1; i <= peers; i++)
        {
            var reply = await SayAsync(_apps[i % 3], $"join role:peer subjects:math grades:6-8 years:{i % 9 + 1} focus:assessment tz:America/Chicago", $"U{i:D2}");
            Assert.Contains("Welcome", reply["text"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        // find on one instance, "say hi" clicked (twice, as an impatient teacher does) on the two others.
        var found = await SayAsync(_apps[0], "find math", "U01");
        Assert.Contains("Say hi", found.ToJsonString(), StringComparison.Ordinal);
        await Task.WhenAll(ClickAsync(_apps[1], "U01", SayHiAction.Id, "U02"), ClickAsync(_apps[2], "U01", SayHiAction.Id, "U02"));

        // Slack delivers one direct message event to every instance (its retries land wherever the balancer sends them).
        var dm = Paths.ReadFixture("slack_event_message_im.json");
        var deliveries = await Task.WhenAll(_apps.Select((a, n) => PostEventAsync(a, dm, retry: n)));
        Assert.All(deliveries, status => Assert.Equal(HttpStatusCode.OK, status));

        // Three admins press round now at once, one on each instance.
        await SayAsync(_apps[1], "admin pods 2", Admin);
        var rounds = await Task.WhenAll(_apps.Select((a, n) => Task.Run(() => SayAsync(a, "admin round now", Admin))));
        var introduced = rounds.Select(r => r["text"]!.GetValue<string>()).ToList();
        Assert.Single(introduced, r => r.Contains($"{peers / 2} pods introduced", StringComparison.Ordinal));
        Assert.All(introduced.Where(r => !r.Contains($"{peers / 2} pods introduced", StringComparison.Ordinal)),
            r => Assert.True(r.Contains("already running", StringComparison.Ordinal) || r.Contains(" 0 pods", StringComparison.Ordinal), r));

        // The last thing sent is a pod introduction: wait for all of them, and for the rest of the outbox to drain.
        await EventuallyAsync(() => Slack.Posted.Count(p => p.Channel.StartsWith('G') && p.DeliveryKey?.StartsWith("sayhi:", StringComparison.Ordinal) != true) >= peers / 2, "every pod introduced");
        await _apps[0].DrainedAsync(60_000);

        Assert.Equal(1L, await _apps[0].ScalarAsync<long>("select count(*) from pairing_rounds where pods > 0"));
        var pods = Slack.Posted.Where(p => p.Channel.StartsWith('G') && p.DeliveryKey?.StartsWith("sayhi:", StringComparison.Ordinal) != true).GroupBy(p => p.Channel).ToList();
        Assert.Equal(peers / 2, pods.Count);
        Assert.All(pods, pod => Assert.Single(pod));
        Assert.Single(Slack.Posted, p => p.Text.Contains("found", StringComparison.Ordinal) && p.Text.Contains("through PeerBot's find", StringComparison.Ordinal));
        var dmReplies = Slack.CallsTo("chat.postMessage").Where(c => c.Json?["text"]?.GetValue<string>().Contains("I don't know \"test\"", StringComparison.Ordinal) == true).ToList();
        Assert.Single(dmReplies);
        // Every command and click got exactly one answer: one per request, none twice.
        Assert.Equal(_responses, Slack.CallsTo("response_url").Count + _inline);
    }

    [Fact]
    public async Task ASettingChangedOnOneInstance_IsSeenByTheOthersWithinASecond()
    {
        await SayAsync(_apps[0], "join role:peer subjects:math grades:6-8 tz:America/Chicago", "U01");
        // Every instance has the workspace cached from a request of its own.
        var before = await Task.WhenAll(_apps.Select(WorkspaceAsync));
        Assert.All(before, w => Assert.Equal(before[0].TimeZone, w.TimeZone));
        var zone = before[0].TimeZone == "America/Denver" ? "America/Phoenix" : "America/Denver";

        var changed = await SayAsync(_apps[0], $"admin timezone {zone}", Admin);
        Assert.Contains(zone, changed["text"]!.GetValue<string>(), StringComparison.Ordinal);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        foreach (var app in _apps.Skip(1))
        {
            while ((await WorkspaceAsync(app)).TimeZone != zone)
            {
                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"instance {app.Port} still has the old time zone after {watch.Elapsed}");
                await Task.Delay(20);
            }
        }
    }

    [Fact]
    public async Task UninstalledOnOneInstance_ThenSeenAgainOnAnother_GetsItsScheduleBack()
    {
        await SayAsync(_apps[0], "join role:peer subjects:math grades:6-8 tz:America/Chicago", "U01");
        await SayAsync(_apps[1], "help", "U01");
        var workspace = await _apps[0].ScalarAsync<Guid>("select id from workspaces where external_id = 'T100'");
        await EventuallyAsync(async () => await SchedulesAsync(workspace) == "synced", "the workspace's schedules registered");

        var uninstall = new JsonObject
        {
            ["token"] = "x", ["team_id"] = "T100", ["api_app_id"] = "A1", ["type"] = "event_callback", ["event_id"] = "Ev-uninstall-3", ["event_time"] = 1740431544,
            ["event"] = new JsonObject { ["type"] = "app_uninstalled", ["event_ts"] = "1740431544.000001" },
        };
        var heard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _apps[1].Services.GetRequiredService<WorkspaceChanges>().Heard += id =>
        {
            if (id == workspace)
            {
                heard.TrySetResult();
            }
        };
        Assert.Equal(HttpStatusCode.OK, await PostEventAsync(_apps[0], uninstall.ToJsonString(), retry: 0));
        await EventuallyAsync(async () => await SchedulesAsync(workspace) == "stopped", "the workspace's schedules stopped");
        // The second instance hears of it within a second of the uninstall being handled.
        await heard.Task.WaitAsync(TimeSpan.FromSeconds(1));

        // Reinstalled with the same fixed token: the next command lands on the second instance, which had it cached.
        await SayAsync(_apps[1], "help", "U01");
        await EventuallyAsync(async () => await SchedulesAsync(workspace) == "synced", "the workspace's schedules registered again");
    }

    private int _inline;

    private Task<string?> SchedulesAsync(Guid workspace) => _apps[0].ScalarAsync<string>("select schedules from workspaces where id = $1", workspace);

    private async Task<SlackCall> ResponseAsync(string path)
    {
        SlackCall? call = null;
        await EventuallyAsync(() => (call = Slack.CallsTo("response_url").FirstOrDefault(c => c.Path == path)) is not null, $"a reply at {path}");
        return call!;
    }

    private Task EventuallyAsync(Func<bool> condition, string what) => EventuallyAsync(() => Task.FromResult(condition()), what);

    /// <summary>Waits (up to a minute: the box may be busy) for something a user would see.</summary>
    private async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}.{Environment.NewLine}{string.Join(Environment.NewLine, _apps.Select(a => a.Logs.ToString()))}");
            }

            await Task.Delay(20);
        }
    }

    private static Task<Workspace> WorkspaceAsync(PeerBotApp app) =>
        app.Services.GetRequiredService<WorkspaceDirectory>().GetOrCreateAsync("slack", "T100", "", CancellationToken.None).AsTask();

    /// <summary>Types <c>/peer {text}</c> into Slack, which sends it to <paramref name="app"/>; returns the one reply.</summary>
    private async Task<JsonNode> SayAsync(PeerBotApp app, string text, string user)
    {
        var id = $"r{Interlocked.Increment(ref _responses)}";
        using var request = SlackSigner.Signed("/slack/commands", SlackSigner.Command(text, user, "T100", Slack.ResponseUrl(id)));
        var response = await app.Http().SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"/peer {text}: {(int)response.StatusCode} {body}");
        if (body.Length > 0)
        {
            Interlocked.Increment(ref _inline);
            return JsonNode.Parse(body)!;
        }

        var path = Slack.ResponseUrl(id).AbsolutePath;
        var call = await ResponseAsync(path);
        return call.Json!;
    }

    private async Task<JsonNode> ClickAsync(PeerBotApp app, string user, string actionId, string value)
    {
        var id = $"r{Interlocked.Increment(ref _responses)}";
        var click = JsonNode.Parse(Paths.ReadFixture("slack_block_actions.json"))!;
        click["team"]!["id"] = "T100";
        click["user"]!["id"] = user;
        click["actions"]![0]!["action_id"] = actionId;
        click["actions"]![0]!["value"] = value;
        click["response_url"] = Slack.ResponseUrl(id).ToString();
        var response = await app.SendInteractionAsync(click.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var path = Slack.ResponseUrl(id).AbsolutePath;
        return (await ResponseAsync(path)).Json!;
    }

    private static async Task<HttpStatusCode> PostEventAsync(PeerBotApp app, string json, int retry)
    {
        using var request = SlackSigner.Signed("/slack/events", json);
        request.Content!.Headers.ContentType = new("application/json");
        if (retry > 0)
        {
            request.Headers.Add("X-Slack-Retry-Num", retry.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Add("X-Slack-Retry-Reason", "http_timeout");
        }

        return (await app.Http().SendAsync(request)).StatusCode;
    }
}
