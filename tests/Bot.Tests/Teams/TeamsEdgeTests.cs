using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace PeerBot.Bot.Tests.Teams;

/// <summary>Edges of <c>/api/messages</c>: the token before the body, a size limit (413), and the key source down (503, one log line, recovered).</summary>
public sealed class TeamsEdgeTests
{
    [Fact]
    public async Task AnOversizedBody_WithAValidToken_Gets413_AndWithoutAToken_401()
    {
        var (bf, app) = await TeamsApp.StartAsync();
        await using var _ = app;
        await using var __ = bf;
        var huge = TeamsActivities.Personal(bf, new string('x', 600_000));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await TeamsActivities.SendAsync(app, bf, huge)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await TeamsActivities.SendAsync(app, huge, token: null)).StatusCode);

        // Without a Content-Length (chunked), the limit holds while reading.
        using var chunked = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(huge.ToJsonString()))),
        };
        chunked.Headers.TransferEncodingChunked = true;
        chunked.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        chunked.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bf.Mint(bf.ServiceUrl));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await app.Http().SendAsync(chunked)).StatusCode);

        Assert.True((await TeamsActivities.SendAsync(app, bf, TeamsActivities.Personal(bf, "help"))).IsSuccessStatusCode);
    }

    [Fact]
    public async Task KeySourceDown_Answers503WithOneLogLine_AndRecoversWhenItReturns()
    {
        var (bf, app) = await TeamsApp.StartAsync(new() { ["Teams:KeysRetryInterval"] = "00:00:01" });
        await using var _ = app;
        await using var __ = bf;
        bf.KeysDown = true;

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await TeamsActivities.SendAsync(app, bf, TeamsActivities.Personal(bf, "help"))).StatusCode);
        }

        Assert.Single(app.Logs.Lines, l => l.Contains("signing keys cannot be fetched", StringComparison.Ordinal));

        bf.KeysDown = false;
        HttpStatusCode status = default;
        for (var i = 0; i < 50 && status != HttpStatusCode.OK; i++)
        {
            await Task.Delay(200);
            status = (await TeamsActivities.SendAsync(app, bf, TeamsActivities.Personal(bf, "help"))).StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(app.Logs.Lines, l => l.Contains("signing keys are reachable again", StringComparison.Ordinal));
    }
}
