using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Web;
using Microsoft.Extensions.DependencyInjection;
using PeerBot.Bot.Slack;
using PeerBot.Bot.Slack.Install;
using PeerBot.Bot.Tests.Infrastructure;

namespace PeerBot.Bot.Tests.Slack;

public sealed class SlackInstallTests : IAsyncLifetime
{
    private const string Team = "T9TK3CUKW";
    private const string FixtureBotToken = "xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy";
    private PeerBotApp _app = null!;

    public async Task InitializeAsync() => _app = await PeerBotApp.StartAsync(new()
    {
        ["Slack:BotToken"] = "",
        ["Slack:ClientId"] = "1111.2222",
        ["Slack:ClientSecret"] = "client-secret-for-tests",
    });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Install_RedirectsToSlackWithMinimalScopesAndAState()
    {
        var (location, state, _) = await StartInstallAsync(Browser());
        Assert.StartsWith("https://slack.com/oauth/v2/authorize?", location.ToString(), StringComparison.Ordinal);
        var query = HttpUtility.ParseQueryString(location.Query);
        Assert.Equal("1111.2222", query["client_id"]);
        Assert.Equal("commands,chat:write,im:history,im:write,mpim:write,users:read", query["scope"]);
        Assert.Null(query["user_scope"]);
        Assert.EndsWith("/slack/oauth/callback", query["redirect_uri"], StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(state));
    }

    [Fact]
    public async Task Callback_WithGoodCode_StoresTheBotTokenEncryptedAndUsesIt()
    {
        var browser = Browser();
        var (_, state, _) = await StartInstallAsync(browser);
        var response = await browser.GetAsync($"/slack/oauth/callback?code={FakeSlack.GoodOAuthCode}&state={Uri.EscapeDataString(state)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Slack Softball Team", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var exchange = Assert.Single(_app.Slack.CallsTo("oauth.v2.access"));
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("1111.2222:client-secret-for-tests")), exchange.Authorization);
        Assert.Equal(FakeSlack.GoodOAuthCode, exchange.Form["code"]);

        // Nothing in the table reads as a token: not the bot token, not the user token Slack also sent.
        var row = await _app.ScalarAsync<string>("select concat_ws('|', bot_user_id, scope, bot_token_protected, refresh_token_protected) from slack_installations where team_id = $1", Team);
        Assert.NotNull(row);
        Assert.DoesNotContain(FixtureBotToken, row, StringComparison.Ordinal);
        Assert.DoesNotContain("xox", row, StringComparison.Ordinal);
        Assert.Equal(1L, await _app.ScalarAsync<long>("select count(*) from data_protection_keys"));

        var token = await _app.Services.GetRequiredService<ISlackTokenSource>().GetBotTokenAsync(Team, CancellationToken.None);
        Assert.Equal(FixtureBotToken, token);
    }

    [Fact]
    public async Task Callback_FromAnotherBrowser_IsRefusedBeforeCallingSlack()
    {
        var (_, state, _) = await StartInstallAsync(Browser());
        var response = await Browser().GetAsync($"/slack/oauth/callback?code={FakeSlack.GoodOAuthCode}&state={Uri.EscapeDataString(state)}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_app.Slack.CallsTo("oauth.v2.access"));
    }

    [Fact]
    public async Task Callback_WithForgedState_IsRefused()
    {
        var browser = Browser();
        await StartInstallAsync(browser);
        var response = await browser.GetAsync($"/slack/oauth/callback?code={FakeSlack.GoodOAuthCode}&state=forged-state");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_app.Slack.CallsTo("oauth.v2.access"));
    }

    [Fact]
    public async Task Callback_WithExpiredState_IsRefused()
    {
        var nonce = SlackInstallState.NewNonce();
        var stale = _app.Services.GetRequiredService<SlackInstallState>().Issue(nonce, DateTimeOffset.UtcNow - SlackInstallState.Lifetime - TimeSpan.FromMinutes(1));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/slack/oauth/callback?code={FakeSlack.GoodOAuthCode}&state={Uri.EscapeDataString(stale)}");
        request.Headers.Add("Cookie", $"{SlackInstallState.CookieName}={nonce}");
        var response = await new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = _app.BaseUrl }.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_app.Slack.CallsTo("oauth.v2.access"));
    }

    [Fact]
    public async Task Callback_WhenSlackRefusesTheCode_StoresNothing()
    {
        var browser = Browser();
        var (_, state, _) = await StartInstallAsync(browser);
        var response = await browser.GetAsync($"/slack/oauth/callback?code=stale-code&state={Uri.EscapeDataString(state)}");
        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Single(_app.Slack.CallsTo("oauth.v2.access"));
        Assert.Equal(0L, await _app.ScalarAsync<long>("select count(*) from slack_installations"));
    }

    [Fact]
    public async Task AppUninstalled_RemovesTheWorkspaceTokensAndRecurringJobs()
    {
        await SaveInstallAsync(expiresAt: null);
        var workspace = await _app.Services.GetRequiredService<PeerBot.Scheduler.Workspaces.WorkspaceDirectory>().GetOrCreateAsync("slack", Team, "", CancellationToken.None);
        var recurring = _app.Services.GetRequiredService<Hangfire.IRecurringJobManager>();
        recurring.AddOrUpdate($"pairing-round:{workspace.Id:N}", Hangfire.Common.Job.FromExpression(() => Console.WriteLine("pair")), "0 9 * * 1", new Hangfire.RecurringJobOptions());
        recurring.AddOrUpdate($"pairing-round:{Guid.NewGuid():N}", Hangfire.Common.Job.FromExpression(() => Console.WriteLine("other school")), "0 9 * * 1", new Hangfire.RecurringJobOptions());
        var uninstalled = new JsonObject
        {
            ["team_id"] = Team, ["api_app_id"] = "A0KRD7HC3", ["type"] = "event_callback", ["event_id"] = "Ev-uninstall", ["event_time"] = 1700000000,
            ["event"] = new JsonObject { ["type"] = "app_uninstalled", ["event_ts"] = "1700000000.000100" },
        };
        using var request = SlackSigner.Signed("/slack/events", uninstalled.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, (await Browser().SendAsync(request)).StatusCode);
        for (var i = 0; i < 250 && await _app.ScalarAsync<long>("select count(*) from slack_installations") > 0; i++)
        {
            await Task.Delay(20);
        }

        Assert.Equal(0L, await _app.ScalarAsync<long>("select count(*) from slack_installations"));
        using var jobs = _app.Services.GetRequiredService<Hangfire.JobStorage>().GetConnection();
        var left = Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(jobs).Select(j => j.Id).ToList();
        Assert.DoesNotContain($"pairing-round:{workspace.Id:N}", left);
        Assert.Single(left, id => id.StartsWith("pairing-round:", StringComparison.Ordinal));
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await _app.Services.GetRequiredService<ISlackTokenSource>().GetBotTokenAsync(Team, CancellationToken.None));
    }

    [Fact]
    public async Task ExpiringToken_IsRefreshedBeforeUse()
    {
        await SaveInstallAsync(expiresAt: DateTimeOffset.UtcNow.AddMinutes(5));
        var tokens = _app.Services.GetRequiredService<ISlackTokenSource>();

        Assert.Equal(FakeSlack.RotatedBotToken, await tokens.GetBotTokenAsync(Team, CancellationToken.None));
        var refresh = Assert.Single(_app.Slack.CallsTo("oauth.v2.access"));
        Assert.Equal("refresh_token", refresh.Form["grant_type"]);
        // Fresh for 12 hours now: the next use does not refresh again.
        Assert.Equal(FakeSlack.RotatedBotToken, await tokens.GetBotTokenAsync(Team, CancellationToken.None));
        Assert.Single(_app.Slack.CallsTo("oauth.v2.access"));
    }

    /// <summary>A browser of its own: keeps its cookies, and stops at redirects (Slack's consent page is not here).</summary>
    private HttpClient Browser() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = _app.BaseUrl };

    private async Task SaveInstallAsync(DateTimeOffset? expiresAt) =>
        await _app.Services.GetRequiredService<SlackInstallations>().SaveAsync(
            new SlackInstallation(Team, "Slack Softball Team", "U0KRQLJ9H", "commands", "xoxe.xoxb-old", FakeSlack.GoodRefreshToken, expiresAt), CancellationToken.None);

    private static async Task<(Uri Location, string State, string? Cookie)> StartInstallAsync(HttpClient browser)
    {
        var response = await browser.GetAsync("/slack/install");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        var cookie = response.Headers.TryGetValues("Set-Cookie", out var values) ? values.First() : null;
        Assert.Contains(SlackInstallState.CookieName, cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        return (location, HttpUtility.ParseQueryString(location.Query)["state"]!, cookie);
    }
}
