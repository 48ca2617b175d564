using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PeerBot.Bot.Slack.SocketMode;
using PeerBot.Bot.Tests.Infrastructure;

namespace PeerBot.Bot.Tests.Slack;

/// <summary>Socket Mode as the network and Slack really behave: silent sockets, refreshes, and several instances.</summary>
public sealed class SocketModeFaultTests : IAsyncLifetime
{
    private const string AppToken = "xapp-1-A111-test";
    private SocketModeServer _slack = null!;
    private readonly List<PeerBotApp> _apps = [];

    public async Task InitializeAsync() => _slack = await SocketModeServer.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await app.DisposeAsync();
        }

        await _slack.DisposeAsync();
    }

    [Fact]
    public async Task HalfOpenSocket_ThatAnswersNoPing_IsNoticedAndReplaced()
    {
        // The first connection says hello and then goes silent without closing, as a NAT that dropped the flow does.
        _slack.Then((ws, server) => server.HalfOpenAsync(ws));
        _slack.Then((ws, server) => server.ServeAsync(ws));

        var app = await StartAppAsync(new() { ["Slack:SocketModeKeepAlive"] = "00:00:00.500", ["Slack:SocketModeReceiveTimeout"] = "00:00:01" });
        var socketMode = app.Services.GetRequiredService<SlackSocketMode>();
        await WaitUntilAsync(() => socketMode.Sessions >= 2, TimeSpan.FromSeconds(20), app);
        Assert.Equal(2, _slack.Connections);
        Assert.Contains(app.Logs.Lines, l => l.Contains("Socket Mode connection ended: dropped", StringComparison.Ordinal));

        // The replacement works: a command sent on it is answered.
        var replacement = _slack.Serving.Single();
        await SocketModeServer.SendAsync(replacement, Envelope("env-after-half-open", "help"));
        await WaitUntilAsync(() => AckOf("env-after-half-open") is not null, TimeSpan.FromSeconds(15), app);
        Assert.Contains("join", AckOf("env-after-half-open")!["payload"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("refresh_requested")]
    [InlineData("warning")]
    public async Task RefreshAnnounced_OpensTheNewConnectionBeforeClosingTheOld_AndTheOldOneStillDelivers(string reason)
    {
        var oldClosedAt = new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously);
        _slack.Then(async (ws, server) =>
        {
            await SocketModeServer.SendAsync(ws, Paths.ReadFixture("slack_socket_mode_hello.json"));
            await SocketModeServer.SendAsync(ws, $$$"""{"type":"disconnect","reason":"{{{reason}}}","debug_info":{"host":"applink-1"}}""");
            // Slack keeps using the old connection for a while after announcing the refresh.
            await SocketModeServer.SendAsync(ws, Envelope("env-on-old", "help"));
            await server.ReadAcksAsync(ws, int.MaxValue);
            oldClosedAt.TrySetResult(DateTimeOffset.UtcNow);
        });
        _slack.Then((ws, server) => server.ServeAsync(ws));

        var app = await StartAppAsync();
        var closed = await oldClosedAt.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(2, _slack.Connections);
        var newAcceptedAt = _slack.Accepted.Skip(1).Single();
        Assert.True(newAcceptedAt < closed, $"the new connection ({newAcceptedAt:HH:mm:ss.fff}) must open before the old one closes ({closed:HH:mm:ss.fff})");
        Assert.Contains("join", AckOf("env-on-old")!["payload"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        await WaitUntilAsync(() => app.Services.GetRequiredService<SlackSocketMode>().OpenConnections == 1, TimeSpan.FromSeconds(5), app);
    }

    [Fact]
    public async Task LinkDisabled_WaitsTheLongestBackOff_BeforeDialingAgain()
    {
        _slack.Then(async (ws, server) =>
        {
            await SocketModeServer.SendAsync(ws, Paths.ReadFixture("slack_socket_mode_hello.json"));
            await SocketModeServer.SendAsync(ws, """{"type":"disconnect","reason":"link_disabled","debug_info":{"host":"applink-1"}}""");
            await server.DrainAsync(ws);
        });
        _slack.Then((ws, server) => server.ServeAsync(ws));

        var app = await StartAppAsync(new() { ["Slack:SocketModeMaxBackoff"] = "00:00:04" });
        await WaitUntilAsync(() => _slack.Accepted.Count >= 2, TimeSpan.FromSeconds(20), app);
        var accepted = _slack.Accepted.ToArray();
        Assert.True(accepted[1] - accepted[0] >= TimeSpan.FromSeconds(3.5), $"reconnected after {(accepted[1] - accepted[0]).TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task TwoInstances_GivenTheSameEnvelope_HandleItOnce()
    {
        _slack.Then((ws, server) => server.ServeAsync(ws));
        _slack.Then((ws, server) => server.ServeAsync(ws));
        var first = await StartAppAsync();
        _apps.Add(await PeerBotApp.StartAsync(Settings(), connectionString: first.ConnectionString));
        await WaitUntilAsync(() => _slack.Serving.Count == 2, TimeSpan.FromSeconds(20), first);
        var sockets = _slack.Serving.ToArray();

        // Slack resends an envelope whose ack did not reach it, and the resend may reach the other instance: here both
        // get the command and an App Home opening at the same moment.
        var command = Envelope("env-twice", "help");
        var home = """
            {"envelope_id":"env-home-twice","type":"events_api","accepts_response_payload":false,"payload":{"type":"event_callback",
             "team_id":"T111","api_app_id":"A111","event_id":"EvHomeTwice","event_time":1700000000,
             "event":{"type":"app_home_opened","user":"U111","channel":"D111","tab":"home","event_ts":"1700000000.000100"},
             "authorizations":[{"team_id":"T111","user_id":"UBOT","is_bot":true}]}}
            """.ReplaceLineEndings("");
        await Task.WhenAll(sockets.Select(s => SocketModeServer.SendAsync(s, command)));
        await Task.WhenAll(sockets.Select(s => SocketModeServer.SendAsync(s, home)));

        await WaitUntilAsync(() => Replies("env-twice") == 1 && _slack.HomePublished >= 1, TimeSpan.FromSeconds(20), first);
        // The other instance saw it too (positive signal), and did not run it.
        await WaitUntilAsync(() => _apps.Sum(a => a.Logs.Lines.Count(l => l.Contains("env-twice", StringComparison.Ordinal)
            && (l.Contains("already handled", StringComparison.Ordinal) || l.Contains("another instance", StringComparison.Ordinal)))) == 1, TimeSpan.FromSeconds(10), first);
        await WaitUntilAsync(() => _apps.All(a => a.Services.GetRequiredService<PeerBot.Bot.Slack.Events.SlackEventIntake>().InFlight == 0)
            && _apps.Sum(a => a.Logs.Lines.Count(l => l.Contains("EvHomeTwice", StringComparison.Ordinal))) >= 1, TimeSpan.FromSeconds(10), first);

        // Slack's next resend (say the ack got lost) reaches both again: both acknowledge, neither runs it.
        await Task.WhenAll(sockets.Select(s => SocketModeServer.SendAsync(s, command)));
        await WaitUntilAsync(() => _slack.Acks.Count(a => Id(a) == "env-twice") >= 3, TimeSpan.FromSeconds(10), first);

        Assert.Equal(1, Replies("env-twice"));
        Assert.Equal(1, _slack.HomePublished);
        Assert.Equal(1L, await first.ScalarAsync<long>("select count(*) from slack_socket_envelopes where envelope_id = 'env-twice' and handled_at is not null"));
    }

    private async Task<PeerBotApp> StartAppAsync(Dictionary<string, string?>? extra = null)
    {
        var settings = Settings();
        foreach (var (k, v) in extra ?? [])
        {
            settings[k] = v;
        }

        var app = await PeerBotApp.StartAsync(settings);
        _apps.Add(app);
        return app;
    }

    private Dictionary<string, string?> Settings() => new() { ["Slack:AppToken"] = AppToken, ["Slack:ApiBaseUrl"] = _slack.ApiBaseUrl.ToString() };

    private static string Envelope(string envelopeId, string text) =>
        $$$"""{"envelope_id":"{{{envelopeId}}}","type":"slash_commands","accepts_response_payload":true,"payload":{"team_id":"T111","team_domain":"school","channel_id":"D111","user_id":"U111","user_name":"ana","command":"/peer","text":"{{{text}}}","api_app_id":"A111","trigger_id":"111.222.{{{envelopeId}}}"}}""";

    private static string? Id(JsonObject ack) => ack["envelope_id"]?.GetValue<string>();

    private JsonObject? AckOf(string envelopeId) => _slack.Acks.FirstOrDefault(a => Id(a) == envelopeId);

    /// <summary>Acknowledgements that carried the command's reply: what the person sees.</summary>
    private int Replies(string envelopeId) => _slack.Acks.Count(a => Id(a) == envelopeId && a["payload"] is not null);

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, PeerBotApp app)
    {
        var clock = Stopwatch.StartNew();
        while (!condition() && clock.Elapsed < timeout)
        {
            await Task.Delay(50);
        }

        Assert.True(condition(), $"timed out after {timeout}; the bot logged:\n{app.Logs}");
    }
}
