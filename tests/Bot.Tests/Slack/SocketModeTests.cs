using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PeerBot.Bot.Slack.SocketMode;
using PeerBot.Bot.Tests.Infrastructure;

namespace PeerBot.Bot.Tests.Slack;

public sealed class SocketModeTests : IAsyncLifetime
{
    private const string AppToken = "xapp-1-A111-test";
    private static readonly string[] Envelopes =
    [
        "slack_socket_mode_envelope_slash_commands.json",
        "slack_socket_mode_envelope_interactive_shortcut.json",
        "slack_socket_mode_envelope_events_api_app_mention.json",
    ];

    private SocketModeServer _slack = null!;
    private PeerBotApp? _app;

    public async Task InitializeAsync() => _slack = await SocketModeServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await _slack.DisposeAsync();
    }

    [Fact]
    public async Task Session_AcksEveryEnvelopeById_AndReconnectsOnDisconnect()
    {
        var acked = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        _slack.Then(async (ws, server) =>
        {
            await SocketModeServer.SendAsync(ws, Paths.ReadFixture("slack_socket_mode_hello.json"));
            var clock = Stopwatch.StartNew();
            foreach (var envelope in Envelopes)
            {
                await SocketModeServer.SendAsync(ws, Paths.ReadFixture(envelope));
            }

            await server.ReadAcksAsync(ws, Envelopes.Length);
            acked.TrySetResult(clock.Elapsed);
            await SocketModeServer.SendAsync(ws, Paths.ReadFixture("slack_socket_mode_disconnect.json"));
            await server.DrainAsync(ws);
        });
        _slack.Then(async (ws, server) =>
        {
            await SocketModeServer.SendAsync(ws, Paths.ReadFixture("slack_socket_mode_hello.json"));
            await server.DrainAsync(ws);
        });

        _app = await StartAppAsync();
        var elapsed = await acked.Task.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.True(elapsed < TimeSpan.FromSeconds(3), $"acks took {elapsed}");

        var acks = _slack.Acks.ToDictionary(a => a["envelope_id"]!.GetValue<string>());
        foreach (var envelope in Envelopes)
        {
            Assert.Contains(JsonNode.Parse(Paths.ReadFixture(envelope))!["envelope_id"]!.GetValue<string>(), acks.Keys);
        }

        // The slash command went through the same handler as /slack/commands: its reply rides in the ack.
        var command = acks["1d3c79ab-0ffb-41f3-a080-d19e85f53649"];
        Assert.Equal("ephemeral", command["payload"]!["response_type"]!.GetValue<string>());
        Assert.Contains("join", command["payload"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(acks["57d6a792-4d35-4d0b-b6aa-3361493e1caf"]["payload"]);
        // The events_api envelope went through the Events API intake: recorded once by event_id.
        Assert.Equal(1L, await _app.ScalarAsync<long>("select count(*) from slack_events where event_id = 'Ev111'"));

        await WaitUntilAsync(() => _app.Services.GetRequiredService<SlackSocketMode>().Sessions >= 2);
        Assert.Equal(2, _slack.Connections);
        Assert.All(_slack.OpenedWith, header => Assert.Equal($"Bearer {AppToken}", header));
    }

    [Fact]
    public async Task DroppedConnection_IsReopenedAfterABackOff()
    {
        // The first connection dies without a close handshake, as a network drop does.
        _slack.Then((ws, _) =>
        {
            ws.Abort();
            return Task.CompletedTask;
        });
        _slack.Then(async (ws, server) =>
        {
            await SocketModeServer.SendAsync(ws, Paths.ReadFixture("slack_socket_mode_hello.json"));
            await server.DrainAsync(ws);
        });

        var clock = Stopwatch.StartNew();
        _app = await StartAppAsync();
        await WaitUntilAsync(() => _app.Services.GetRequiredService<SlackSocketMode>().Sessions >= 1);
        Assert.Equal(2, _slack.Connections);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1), "a drop waits before reconnecting");
    }

    private Task<PeerBotApp> StartAppAsync() =>
        PeerBotApp.StartAsync(new() { ["Slack:AppToken"] = AppToken, ["Slack:ApiBaseUrl"] = _slack.ApiBaseUrl.ToString() });

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(20);
        }

        Assert.True(condition());
    }
}
