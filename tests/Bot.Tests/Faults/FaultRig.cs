using System.Globalization;
using System.Net.Http.Headers;
using Npgsql;
using PeerBot.Bot.Tests.Infrastructure;
using PeerBot.Scheduler.Delivery;
using PeerBot.Scheduler.Persistence;
using Xunit.Abstractions;

namespace PeerBot.Bot.Tests.Faults;

/// <summary>
/// Real bot processes on one real PostgreSQL database with the strict fake Slack: start, kill -9, start again.
/// <c>PEERBOT_FAULT_SCALE=full</c> runs the full counts (300 peers, five seeds); otherwise the reduced ones of the suite.
/// </summary>
public sealed class FaultRig : IAsyncDisposable
{
    public const string Admin = "UADMIN";
    private static readonly string Pending = StateText.Of(OutboxState.Pending), Sending = StateText.Of(OutboxState.Sending),
        Sent = StateText.Of(OutboxState.Sent), Dead = StateText.Of(OutboxState.Dead);

    private readonly List<BotProcess> _bots = [];
    private readonly ITestOutputHelper _output;

    // The test's own look into the database: two connections at most, closed with the rig.
    private readonly NpgsqlDataSource _db;

    private FaultRig(FakeSlack slack, string database, Dictionary<string, string> settings, ITestOutputHelper output)
    {
        Slack = slack;
        Database = database;
        Settings = settings;
        _output = output;
        _db = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(database) { MaxPoolSize = 2 }.ConnectionString);
    }

    /// <summary>How long a wait for an outcome may take before the test fails: generous for a loaded two-core box, never endless.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromMinutes(Full ? 5 : 2);

    public static bool Full => string.Equals(Environment.GetEnvironmentVariable("PEERBOT_FAULT_SCALE"), "full", StringComparison.OrdinalIgnoreCase);

    public FakeSlack Slack { get; }

    public string Database { get; }

    public Dictionary<string, string> Settings { get; }

    public static async Task<FaultRig> StartAsync(ITestOutputHelper output, int messagesPerSecond, int concurrency = 4, IReadOnlyDictionary<string, string>? more = null)
    {
        var slack = await FakeSlack.StartAsync();
        var settings = new Dictionary<string, string>
        {
            ["PeerBot:Admins"] = Admin,
            ["PeerBot:Outbox:Concurrency"] = concurrency.ToString(CultureInfo.InvariantCulture),
            ["PeerBot:Outbox:WorkspaceMessagesPerSecond"] = messagesPerSecond.ToString(CultureInfo.InvariantCulture),
            ["PeerBot:Outbox:PollInterval"] = "00:00:00.100",
        };
        foreach (var (k, v) in more ?? new Dictionary<string, string>())
        {
            settings[k] = v;
        }

        return new FaultRig(slack, await TestDatabase.CreateAsync(), settings, output);
    }

    public async Task<BotProcess> StartBotAsync()
    {
        var bot = await BotProcess.StartAsync(Database, Slack, Settings);
        _bots.Add(bot);
        return bot;
    }

    /// <summary>Joins <paramref name="peers"/> teachers (a few at a time) and asks for pods of two.</summary>
    public async Task JoinAsync(BotProcess bot, int peers)
    {
        using var http = bot.Http();
        using var gate = new SemaphoreSlim(4);
        await Task.WhenAll(Enumerable.Range(1, peers).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                await SayAsync(http, $"join role:peer subjects:math grades:6-8 years:{i % 9 + 1} focus:assessment tz:America/Chicago", $"U{i:D4}");
            }
            finally
            {
                gate.Release();
            }
        }));
        await SayAsync(http, "admin pods 2", Admin);
    }

    public async Task<string> SayAsync(HttpClient http, string text, string userId)
    {
        using var request = SlackSigner.Signed("/slack/commands", SlackSigner.Command(text, userId, "T100", Slack.ResponseUrl()));
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"/peer {text}: {(int)response.StatusCode} {body}{Environment.NewLine}{Failures()}");
        return body;
    }

    /// <summary>The first failure each bot logged (a few lines of it), for a failing test's message.</summary>
    public string Failures() => string.Join(Environment.NewLine, _bots.Select(b => b.Output.Split('\n'))
        .Select(lines => Array.FindIndex(lines, l => l.StartsWith("fail:", StringComparison.Ordinal) || l.StartsWith("crit:", StringComparison.Ordinal)) is var i and >= 0
            ? string.Join('\n', lines.Skip(i).Take(12))
            : ""));

    public async Task<HttpResponseMessage> SendEventAsync(HttpClient http, string json, int? retryNum = null)
    {
        using var request = SlackSigner.Signed("/slack/events", json);
        request.Content!.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (retryNum is { } n)
        {
            request.Headers.Add("X-Slack-Retry-Num", n.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("X-Slack-Retry-Reason", "http_error");
        }

        return await http.SendAsync(request);
    }

    /// <summary>
    /// Types <c>admin round now</c> and waits until the round committed (the reply may come later, via response_url):
    /// everyone placed in a pod. Returns how many pods (mostly of two; the engine may make a few larger).
    /// </summary>
    public async Task<long> RoundNowAsync(BotProcess bot, int peers)
    {
        using var http = bot.Http();
        await SayAsync(http, "admin round now", Admin);
        return await PodsAsync(peers);
    }

    /// <summary>Waits until all <paramref name="peers"/> are in a committed pod; returns how many pods.</summary>
    public async Task<long> PodsAsync(int peers)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (await ScalarAsync("select count(distinct member_id) from pairing_members") < peers && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.Equal(peers, await ScalarAsync("select count(distinct member_id) from pairing_members"));
        return await ScalarAsync("select count(*) from pairings");
    }

    /// <summary>Waits until every outbox row is sent (or dead); false after <paramref name="timeout"/>.</summary>
    public async Task<bool> DrainedAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await ScalarAsync($"select count(*) from outbox where state in ('{Pending}', '{Sending}')") == 0)
            {
                return true;
            }

            await Task.Delay(200);
        }

        return false;
    }

    /// <summary>Introductions posted to each pod's group DM: what the teachers see.</summary>
    public IReadOnlyList<IGrouping<string, PostedMessage>> Introductions() =>
        [.. Slack.Posted.Where(p => p.Channel.StartsWith('G')).GroupBy(p => p.Channel)];

    /// <summary>Every pod got exactly one introduction, nothing is dead or left, and no call lacked a scope.</summary>
    public async Task AssertEachPodIntroducedOnceAsync(long pods, string context)
    {
        Assert.Equal(pods, await ScalarAsync("select count(*) from pairings"));
        var intros = Introductions();
        Assert.True(intros.Count == pods, $"{intros.Count} of {pods} pods introduced ({context})");
        Assert.All(intros, pod => Assert.True(pod.Count() == 1, $"{pod.Key} was introduced {pod.Count()} times ({context})"));
        Assert.Equal(0L, await ScalarAsync($"select count(*) from outbox where state = '{Dead}'"));
        Assert.Equal(0L, await ScalarAsync($"select count(*) from outbox where state <> '{Sent}'"));
        Assert.Empty(Slack.MissingScopes);
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var cmd = _db.CreateCommand(sql);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public void Report(string line) => _output.WriteLine(line);

    public async ValueTask DisposeAsync()
    {
        foreach (var bot in _bots)
        {
            await bot.DisposeAsync();
        }

        await Slack.DisposeAsync();
        await _db.DisposeAsync();
    }
}
