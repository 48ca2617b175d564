using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using PeerBot.Bot.Tests.Infrastructure;

namespace PeerBot.Bot.Tests.Slack;

/// <summary>
/// Slack's Socket Mode side on 127.0.0.1 (Kestrel + WebSockets): each connection runs the next scripted session,
/// and every acknowledgement PeerBot sends back is recorded.
/// </summary>
public sealed class SocketModeServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Func<WebSocket, SocketModeServer, Task>> _sessions = new();
    private readonly CancellationTokenSource _stopping = new();
    private int _connections;
    private int _homePublished;

    private SocketModeServer(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    public int Connections => _connections;

    public ConcurrentQueue<JsonObject> Acks { get; } = new();

    /// <summary>When each connection was accepted (in order).</summary>
    public ConcurrentQueue<DateTimeOffset> Accepted { get; } = new();

    /// <summary>Sockets that said hello through <see cref="ServeAsync"/>, in order.</summary>
    public ConcurrentQueue<WebSocket> Serving { get; } = new();

    /// <summary>views.publish calls (the App Home a member opened), for "handled once" checks.</summary>
    public int HomePublished => _homePublished;

    /// <summary>Cancelled when the server is disposed (for sessions that go silent until then).</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>The Authorization header of every apps.connections.open call.</summary>
    public ConcurrentQueue<string> OpenedWith { get; } = new();

    public Uri ApiBaseUrl { get; private set; } = null!;

    public static async Task<SocketModeServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new SocketModeServer(app);
        app.UseWebSockets();
        // Slack's apps.connections.open lives here too, so the URL is known before the bot starts dialling.
        app.MapPost("/api/apps.connections.open", (HttpContext c) =>
        {
            server.OpenedWith.Enqueue(c.Request.Headers.Authorization.ToString());
            return Results.Json(new { ok = true, url = server.Url.ToString() });
        });
        app.MapPost("/api/views.publish", () =>
        {
            Interlocked.Increment(ref server._homePublished);
            return Results.Json(new { ok = true });
        });
        app.Map("/link", async (HttpContext c) =>
        {
            using var socket = await c.WebSockets.AcceptWebSocketAsync();
            server.Accepted.Enqueue(DateTimeOffset.UtcNow);
            Interlocked.Increment(ref server._connections);
            var session = server._sessions.TryDequeue(out var s) ? s : (ws, _) => server.DrainAsync(ws);
            await session(socket, server);
        });
        await app.StartAsync();
        server.Url = new Uri(app.Urls.First().Replace("http://", "ws://", StringComparison.Ordinal) + "/link");
        server.ApiBaseUrl = new Uri(app.Urls.First() + "/api/");
        return server;
    }

    /// <summary>The next connection runs this script.</summary>
    public void Then(Func<WebSocket, SocketModeServer, Task> session) => _sessions.Enqueue(session);

    public static Task SendAsync(WebSocket socket, string json) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>Reads acknowledgements until <paramref name="count"/> have arrived (or the client closes).</summary>
    public async Task ReadAcksAsync(WebSocket socket, int count)
    {
        var buffer = new byte[64 * 1024];
        for (var read = 0; read < count;)
        {
            using var message = new MemoryStream();
            WebSocketReceiveResult result;
            do
            {
                try
                {
                    result = await socket.ReceiveAsync(buffer, CancellationToken.None);
                }
                catch (WebSocketException)
                {
                    return;
                }

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                message.Write(buffer, 0, result.Count);
            }
            while (!result.EndOfMessage);
            Acks.Enqueue(JsonNode.Parse(message.ToArray())!.AsObject());
            read++;
        }
    }

    /// <summary>Says hello, then records every acknowledgement until the client goes (several instances, each its own socket).</summary>
    public async Task ServeAsync(WebSocket socket)
    {
        await SendAsync(socket, Paths.ReadFixture("slack_socket_mode_hello.json"));
        Serving.Enqueue(socket);
        await ReadAcksAsync(socket, int.MaxValue);
    }

    /// <summary>Says hello, then goes silent: reads nothing (so no ping is answered) and closes nothing — a half-open socket.</summary>
    public async Task HalfOpenAsync(WebSocket socket)
    {
        await SendAsync(socket, Paths.ReadFixture("slack_socket_mode_hello.json"));
        await Task.Delay(Timeout.Infinite, Stopping).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    /// <summary>Keeps a connection open (answering nothing) until the client goes.</summary>
    public async Task DrainAsync(WebSocket socket)
    {
        var buffer = new byte[4096];
        try
        {
            while (socket.State == WebSocketState.Open && (await socket.ReceiveAsync(buffer, CancellationToken.None)).MessageType != WebSocketMessageType.Close)
            {
            }
        }
        catch (WebSocketException)
        {
            // The client went away.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }
}
