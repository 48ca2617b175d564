using System.Net;
using System.Net.Http.Headers;
using System.Text;
using PeerBot.Bot.Tests.Infrastructure;

namespace PeerBot.Bot.Tests.Scheduling;

public sealed class SchedulingTests : IAsyncLifetime
{
    private PeerBotApp _app = null!;

    public async Task InitializeAsync() => _app = await PeerBotApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task HangfireServer_RunsTheSmokeJobAgainstPostgres()
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        long runs = 0;
        while (DateTime.UtcNow < deadline && runs == 0)
        {
            runs = await _app.ScalarAsync<long>("select count(*) from job_heartbeats");
            await Task.Delay(100);
        }

        Assert.Equal(1L, runs);
        Assert.True(await _app.ScalarAsync<long>("select count(*) from hangfire.job where statename = 'Succeeded'") >= 1);
    }

    [Fact]
    public async Task Dashboard_WithoutCredentials_Is401AndAsksForThem()
    {
        var response = await _app.Http().GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Basic", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_WithAWrongPassword_Is401() =>
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetDashboard("admin", "guess")).StatusCode);

    [Fact]
    public async Task Dashboard_WithTheOperatorsPassword_Opens_AndNeverShowsTheConnectionString()
    {
        var response = await GetDashboard("admin", "dashboard-test-password");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("PeerBot jobs", html, StringComparison.Ordinal);
        var password = new Npgsql.NpgsqlConnectionStringBuilder(_app.ConnectionString).Password!;
        Assert.DoesNotContain(password, html, StringComparison.Ordinal);
    }

    private Task<HttpResponseMessage> GetDashboard(string user, string password)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/hangfire");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return _app.Http().SendAsync(request);
    }
}
