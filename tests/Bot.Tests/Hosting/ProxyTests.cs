using System.Net;
using System.Web;
using PeerBot.Bot.Tests.Infrastructure;

namespace PeerBot.Bot.Tests.Hosting;

/// <summary>A TLS-terminating proxy in front of the real host: plain HTTP from the proxy's address, https in X-Forwarded-Proto.</summary>
public sealed class ProxyTests
{
    private static readonly Dictionary<string, string?> OAuth = new()
    {
        ["Slack:BotToken"] = "",
        ["Slack:ClientId"] = "1111.2222",
        ["Slack:ClientSecret"] = "client-secret-for-tests",
    };

    [Fact]
    public async Task BehindAKnownProxy_TheInstallCookieIsSecure_AndTheRedirectLinkIsHttps()
    {
        await using var app = await PeerBotApp.StartAsync(OAuth);

        var (cookie, redirectUri) = await InstallThroughProxyAsync(app);

        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("https://peerbot.example.org/slack/oauth/callback", redirectUri);
    }

    [Fact]
    public async Task ForwardedHeadersFromAnAddressThatIsNoConfiguredProxy_AreIgnored()
    {
        await using var app = await PeerBotApp.StartAsync(new(OAuth) { ["PeerBot:Proxy:KnownProxies"] = "10.1.2.3", ["PeerBot:Proxy:KnownNetworks"] = "192.168.0.0/16" });

        var (cookie, redirectUri) = await InstallThroughProxyAsync(app);

        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal($"http://127.0.0.1:{app.Port}/slack/oauth/callback", redirectUri);
    }

    [Fact]
    public async Task AConfiguredProxyNetwork_IsBelieved()
    {
        await using var app = await PeerBotApp.StartAsync(new(OAuth) { ["PeerBot:Proxy:KnownNetworks"] = "127.0.0.0/8" });

        var (cookie, redirectUri) = await InstallThroughProxyAsync(app);

        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("https://peerbot.example.org/slack/oauth/callback", redirectUri);
    }

    private static async Task<(string Cookie, string RedirectUri)> InstallThroughProxyAsync(PeerBotApp app)
    {
        // A real socket from 127.0.0.1, as a proxy on the same machine (nginx, caddy) would connect.
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = app.BaseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/slack/install");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "peerbot.example.org");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        var redirectUri = HttpUtility.ParseQueryString(response.Headers.Location!.Query)["redirect_uri"]!;
        return (cookie, redirectUri);
    }
}
