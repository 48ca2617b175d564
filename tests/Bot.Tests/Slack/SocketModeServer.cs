using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PeerBot.Bot.Tests.Slack;

/// <summary>
/// Slack's Socket Mode side on 127.0.0.1 (Kestrel + WebSockets): each connection runs the next scripted session,
/// and every acknowledgement PeerBot sends back is recorded.
/// </summary>
public sealed class SocketModeServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Func<WebSocket, SocketModeServer, Task>> _sessions = new();
    private int _connections;

    private SocketModeServer(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    public int Connections => _connections;

    public ConcurrentQueue<JsonObject> Acks { get; } = new();

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
        app.Map("/link", async (HttpContext c) =>
        {
            using var socket = await c.WebSockets.AcceptWebSocketAsync();
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
                result = await socket.ReceiveAsync(buffer, CancellationToken.None);
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

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
