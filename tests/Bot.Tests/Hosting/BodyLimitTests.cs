using System.Net;
using PeerBot.Bot.Hosting;
using PeerBot.Bot.Tests.Infrastructure;

namespace PeerBot.Bot.Tests.Hosting;

/// <summary>Every endpoint refuses a body over its limit with 413 before anything reads or parses it, with one log line.</summary>
public sealed class BodyLimitTests : IAsyncLifetime
{
    private PeerBotApp _app = null!;

    public async Task InitializeAsync() => _app = await PeerBotApp.StartAsync(new() { ["PeerBot:Simulator"] = "true" });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    public static TheoryData<string, string, long, bool> Oversized => new()
    {
        { "POST", "/slack/commands", BodyLimits.Slack + 1, false },
        { "POST", "/slack/commands", BodyLimits.Slack + 1, true },
        { "POST", "/slack/interactivity", BodyLimits.Slack + 1, false },
        { "POST", "/slack/interactivity", BodyLimits.Slack + 1, true },
        { "POST", "/slack/events", BodyLimits.Slack + 1, false },
        { "POST", "/slack/events", BodyLimits.Slack + 1, true },
        { "GET", "/slack/install", BodyLimits.Default + 1, false },
        { "GET", "/slack/oauth/callback?code=x&state=y", BodyLimits.Default + 1, false },
        { "GET", "/reports/some-token", BodyLimits.Default + 1, false },
        { "GET", "/reports/some-token/report.csv", BodyLimits.Default + 1, true },
        { "GET", "/healthz", BodyLimits.Default + 1, false },
        { "POST", "/simulator/act/command", BodyLimits.Simulator + 1, false },
        { "POST", "/simulator/act/command", BodyLimits.Simulator + 1, true },
        { "POST", "/simulator/slack/api/chat.postMessage", BodyLimits.Simulator + 1, false },
        { "POST", "/simulator/slack/upload/F1", BodyLimits.SimulatorUpload + 1, false },
    };

    [Theory]
    [MemberData(nameof(Oversized))]
    public async Task AnOversizedBody_IsRefusedWith413_AndLoggedOnce(string method, string path, long bytes, bool chunked)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = Body(bytes, chunked) };
        request.Content.Headers.ContentType = new("application/json");
        using var response = await _app.Http().SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var route = path.Split('?')[0];
        Assert.Single(_app.Logs.Lines, l => l.Contains($"Refused {method} {route}:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ABodyWithinTheLimit_IsServedAsBefore()
    {
        using var response = await _app.SendCommandAsync("help");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("join", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(_app.Logs.Lines, l => l.Contains("Refused", StringComparison.Ordinal));
    }

    /// <summary>A body of the given size, with its length declared or streamed without one (chunked).</summary>
    private static HttpContent Body(long bytes, bool chunked) =>
        chunked ? new StreamContent(new UnknownLengthStream(bytes)) : new ByteArrayContent(new byte[bytes]);

    private sealed class UnknownLengthStream(long length) : Stream
    {
        private long _left = length;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, _left);
            Array.Fill(buffer, (byte)'a', offset, n);
            _left -= n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
