using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using PeerBot.Bot.Tests.Infrastructure;
using PeerBot.Scheduler.Rounds;
using PeerBot.Scheduler.Workspaces;

namespace PeerBot.Bot.Tests.Scheduling;

public sealed class SchedulingTests : IAsyncLifetime
{
    private PeerBotApp _app = null!;

    public async Task InitializeAsync() => _app = await PeerBotApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task HangfireServer_RunsAnEnqueuedJobAgainstPostgres()
    {
        var workspace = await _app.Services.GetRequiredService<WorkspaceDirectory>().GetOrCreateAsync("slack", "T-jobs", "", CancellationToken.None);
        var id = _app.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<MentorFollowUpJob>(j => j.RunAsync(workspace.Id, CancellationToken.None));

        var state = "";
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline && state != "Succeeded")
        {
            // Hangfire raises no event a test can await across its storage: its own job table is the signal.
            state = await _app.ScalarAsync<string>("select statename from hangfire.job where id = $1", long.Parse(id, CultureInfo.InvariantCulture)) ?? "";
            await Task.Delay(100);
        }

        Assert.Equal("Succeeded", state);
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
