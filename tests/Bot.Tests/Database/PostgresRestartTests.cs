using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using PeerBot.Bot.Tests.Infrastructure;
using PeerBot.Bot.Tests.Scheduler;
using PeerBot.Scheduler.Persistence;

namespace PeerBot.Bot.Tests.Database;

/// <summary>
/// PostgreSQL stopped at once (as a crash or a failover does) in the middle of a round's fan-out and started again:
/// requests fail fast with 503, every background loop comes back by itself, nothing is sent twice or lost.
/// Its own cluster, so stopping it disturbs no other test.
/// </summary>
public sealed class PostgresRestartTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"peerbot-restart-{Guid.NewGuid():N}"[..40]);
    private PrivateCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await PrivateCluster.StartAsync(_directory, NullLogger.Instance, forTests: true);

    public async Task DisposeAsync()
    {
        try
        {
            await _cluster.DisposeAsync();
        }
        catch (InvalidOperationException)
        {
            // A failed test may leave the server stopped: nothing to stop.
        }

        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task DatabaseRestartedMidFanOut_RequestsGet503Fast_LoopsRecover_AndEveryPodIsIntroducedOnce()
    {
        const int peers = 40;
        var database = await _cluster.CreateDatabaseAsync("restart");
        await using var app = await PeerBotApp.StartAsync(new()
        {
            ["PeerBot:Admins"] = "UADMIN",
            ["PeerBot:Outbox:Concurrency"] = "4",
            ["PeerBot:Outbox:WorkspaceMessagesPerSecond"] = "4",
            ["PeerBot:Outbox:PollInterval"] = "00:00:00.100",
        }, connectionString: database);
        app.Slack.PostDelay = TimeSpan.FromMilliseconds(200);
        for (var i = 1; i <= peers; i++)
        {
            await app.ReplyAsync($"join role:peer subjects:math grades:6-8 years:{i % 9 + 1} focus:assessment tz:America/Chicago", $"U{i:D2}");
        }

        await app.ReplyAsync("admin pods 2", "UADMIN");
        Assert.Contains("20 pods", await app.ReplyAsync("admin round now", "UADMIN"), StringComparison.Ordinal);
        await app.Slack.WaitForAsync("chat.postMessage", 3, 30_000);

        await _cluster.StopNowAsync();
        Assert.True(app.Slack.Posted.Count(p => p.Channel.StartsWith('G')) < peers / 2, "the database should go away mid fan-out");

        // While it is away: a request that needs it is refused at once with 503, never a 500 or a hang.
        using var http = app.Http();
        var clock = Stopwatch.StartNew();
        var refused = 1;
        using (var request = SlackSigner.Signed("/slack/commands", SlackSigner.Command("profile", "U900", "T900", app.Slack.ResponseUrl())))
        using (var response = await http.SendAsync(request))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.NotNull(response.Headers.RetryAfter);
        }

        using (var ready = await http.GetAsync("healthz"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        }

        // A known workspace (cached) reaches its handler, whose failure is a kind apology, not a 500.
        using (var request = SlackSigner.Signed("/slack/commands", SlackSigner.Command("profile", "U01", "T100", app.Slack.ResponseUrl("down"))))
        using (var response = await http.SendAsync(request))
        {
            Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
            // Whether it got its apology or a 503 depends on whether its handler reached the database before the ack.
            refused += response.StatusCode == HttpStatusCode.ServiceUnavailable ? 1 : 0;
        }

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"requests took {clock.Elapsed} while the database was away");
        // One log line per refused request, not one per failed query or retry.
        Assert.Equal(refused, app.Logs.Lines.Count(l => l.Contains("Answered POST /slack/commands with 503", StringComparison.Ordinal)));
        await Task.Delay(TimeSpan.FromSeconds(3));

        var restarted = DateTimeOffset.UtcNow;
        await _cluster.StartAgainAsync();

        // Every loop comes back by itself: the outbox finishes the round, Hangfire's server beats again, requests work.
        await app.DrainedAsync(timeoutMs: 90_000);
        var intros = app.Slack.Posted.Where(p => p.Channel.StartsWith('G')).GroupBy(p => p.Channel).ToList();
        Assert.Equal(peers / 2, intros.Count);
        Assert.All(intros, pod => Assert.Single(pod));
        Assert.Equal(0L, await app.ScalarAsync<long>("select count(*) from outbox where state <> 'sent'"));
        Assert.Empty(app.Slack.MissingScopes);

        var beat = Stopwatch.StartNew();
        while (beat.Elapsed < TimeSpan.FromSeconds(60) && !(await app.ScalarAsync<DateTime?>("select max(lastheartbeat) from hangfire.server") >= restarted.UtcDateTime))
        {
            await Task.Delay(500);
        }

        Assert.True(await app.ScalarAsync<DateTime?>("select max(lastheartbeat) from hangfire.server") >= restarted.UtcDateTime, $"Hangfire did not come back:\n{app.Logs}");
        using (var ready = await http.GetAsync("healthz"))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        Assert.Contains("Your profile", await app.ReplyAsync("profile", "U01"), StringComparison.Ordinal);
    }
}
