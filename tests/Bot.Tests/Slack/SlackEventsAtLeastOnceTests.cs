using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PeerBot.Bot.Slack.Events;
using PeerBot.Bot.Tests.Infrastructure;

namespace PeerBot.Bot.Tests.Slack;

/// <summary>Events at least once: an event is done only when its handler finished; a failure lets Slack's retry in, or runs again from the log.</summary>
public sealed class SlackEventsAtLeastOnceTests
{
    private const string TestEvent = "peerbot_test_event";

    [Fact]
    public async Task AHandlerThatFailsOnce_IsAnswered500_AndSlacksRetryRunsIt_ThenFurtherRetriesAreDuplicates()
    {
        var handler = new FlakyHandler(failures: 1, delay: TimeSpan.Zero);
        await using var app = await PeerBotApp.StartAsync(services: s => s.AddSingleton<ISlackEventHandler>(handler));

        Assert.Equal(HttpStatusCode.InternalServerError, (await SendAsync(app, "Ev-flaky-1")).StatusCode);
        Assert.Equal(1, handler.Attempts);
        Assert.Empty(handler.Done);

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(app, "Ev-flaky-1", retryNum: 1)).StatusCode);
        Assert.Equal(["Ev-flaky-1"], handler.Done);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(app, "Ev-flaky-1", retryNum: 2)).StatusCode);

        await QuietAsync(app);
        Assert.Equal(2, handler.Attempts);
        Assert.Single(handler.Done);
        // Done: the payload (which may hold a teacher's words) is not kept.
        Assert.Equal(1L, await app.ScalarAsync<long>("select count(*) from slack_events where event_id = 'Ev-flaky-1' and handled_at is not null and payload is null"));
    }

    [Fact]
    public async Task AHandlerThatFailsAfterTheAcknowledgement_RunsAgainFromTheLog_WithoutAnyRetryFromSlack()
    {
        var handler = new FlakyHandler(failures: 1, delay: TimeSpan.FromMilliseconds(600));
        await using var app = await PeerBotApp.StartAsync(new() { ["Slack:AckBudget"] = "00:00:00.200" }, s => s.AddSingleton<ISlackEventHandler>(handler));

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(app, "Ev-slow-1")).StatusCode);

        await handler.DoneAsync("Ev-slow-1", TimeSpan.FromSeconds(20));
        Assert.Equal(2, handler.Attempts);
        Assert.Contains(app.Logs.Lines, l => l.Contains("Running Slack event Ev-slow-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnEventBeingHandled_IsNotRunTwice_WhenSlacksRetryArrivesMeanwhile()
    {
        var handler = new FlakyHandler(failures: 0, delay: TimeSpan.FromSeconds(1));
        await using var app = await PeerBotApp.StartAsync(new() { ["Slack:AckBudget"] = "00:00:00.200" }, s => s.AddSingleton<ISlackEventHandler>(handler));

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(app, "Ev-busy-1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(app, "Ev-busy-1", retryNum: 1)).StatusCode);
        await handler.DoneAsync("Ev-busy-1", TimeSpan.FromSeconds(10));
        await QuietAsync(app);

        Assert.Equal(1, handler.Attempts);
    }

    private static async Task<HttpResponseMessage> SendAsync(PeerBotApp app, string eventId, int? retryNum = null)
    {
        var payload = new JsonObject
        {
            ["token"] = "x", ["team_id"] = "T100", ["api_app_id"] = "A1", ["type"] = "event_callback", ["event_id"] = eventId, ["event_time"] = 1740431544,
            ["event"] = new JsonObject { ["type"] = TestEvent, ["event_ts"] = "1740431544.000001" },
        };
        using var request = SlackSigner.Signed("/slack/events", payload.ToJsonString());
        request.Content!.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (retryNum is { } n)
        {
            request.Headers.Add("X-Slack-Retry-Num", n.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Add("X-Slack-Retry-Reason", "http_error");
        }

        return await app.Http().SendAsync(request);
    }

    private static async Task QuietAsync(PeerBotApp app)
    {
        var intake = app.Services.GetRequiredService<SlackEventIntake>();
        for (var i = 0; i < 250 && intake.InFlight > 0; i++)
        {
            await Task.Delay(20);
        }

        Assert.Equal(0, intake.InFlight);
    }

    /// <summary>A handler that throws on its first <c>failures</c> runs, each after <c>delay</c>.</summary>
    private sealed class FlakyHandler(int failures, TimeSpan delay) : ISlackEventHandler
    {
        private readonly ConcurrentQueue<string> _done = new();
        private readonly SemaphoreSlim _signal = new(0);
        private int _attempts;

        public IReadOnlyList<string> EventTypes { get; } = [TestEvent];

        public int Attempts => _attempts;

        public IReadOnlyList<string> Done => [.. _done];

        public async Task HandleAsync(PeerBot.Bot.Slack.Events.SlackEvent slackEvent, CancellationToken ct)
        {
            var attempt = Interlocked.Increment(ref _attempts);
            await Task.Delay(delay, ct);
            if (attempt <= failures)
            {
                throw new InvalidOperationException("the database said no, once");
            }

            _done.Enqueue(slackEvent.EventId);
            _signal.Release();
        }

        public async Task DoneAsync(string eventId, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (!_done.Contains(eventId))
            {
                var left = deadline - DateTime.UtcNow;
                Assert.True(left > TimeSpan.Zero && await _signal.WaitAsync(left), $"{eventId} was not handled within {timeout}");
            }
        }
    }
}
