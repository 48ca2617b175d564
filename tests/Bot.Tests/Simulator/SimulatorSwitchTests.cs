using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PeerBot.Bot.Simulator;
using PeerBot.Bot.Slack;
using PeerBot.Bot.Tests.Infrastructure;

namespace PeerBot.Bot.Tests.Simulator;

[Collection(SimulatorCollection.Name)]
public sealed class SimulatorSwitchTests
{
    [Fact]
    public async Task WithoutPlatformCredentials_RootServesTheSimulator_AndSlackIsPointedAtIt()
    {
        await using var app = await SimulatorHost.StartAsync();
        var page = await app.Http().GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("workspace simulator", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await app.Http().GetAsync("/simulator/simulator.js")).StatusCode);

        var slack = app.Services.GetRequiredService<IOptions<SlackOptions>>().Value;
        Assert.Equal(SimulatedSlackAddress.ApiBase, slack.ApiBaseUrl);
        Assert.Equal(64, slack.SigningSecret!.Length);
        Assert.NotEqual(SlackSigner.Secret, slack.SigningSecret);
    }

    [Fact]
    public async Task WithRealSlackCredentials_TheSimulatorIsNotReachable()
    {
        await using var app = await Task.Run(() => PeerBotApp.StartAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await app.Http().GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Http().GetAsync("/simulator/state")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Http().PostAsync("/simulator/slack/api/auth.test", null)).StatusCode);
        Assert.Equal(app.Slack.ApiBaseUrl, app.Services.GetRequiredService<IOptions<SlackOptions>>().Value.ApiBaseUrl);
    }

    [Fact]
    public async Task WithRealSlackCredentials_AndExplicitlyEnabled_ItSignsWithTheConfiguredSecret_AndKeepsTheConfiguredApi()
    {
        await using var app = await Task.Run(() => PeerBotApp.StartAsync(new() { [SimulatorMode.Setting] = "true" }));
        Assert.Equal(HttpStatusCode.OK, (await app.Http().GetAsync("/")).StatusCode);
        var slack = app.Services.GetRequiredService<IOptions<SlackOptions>>().Value;
        Assert.Equal(SlackSigner.Secret, slack.SigningSecret);
        Assert.Equal(app.Slack.ApiBaseUrl, slack.ApiBaseUrl);

        await app.PostJsonAsync("/simulator/act/command", new { user = "U0BEN", text = "/peer help" });
        var reply = await app.WaitForItemAsync(i => i.Kind == "ephemeral");
        Assert.Contains("/peer join", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutCredentials_ButSwitchedOff_RootIsNotFound()
    {
        await using var app = await SimulatorHost.StartAsync(new() { [SimulatorMode.Setting] = "false", ["Slack:ApiBaseUrl"] = "https://slack.com/api/" });
        Assert.Equal(HttpStatusCode.NotFound, (await app.Http().GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Http().PostAsync("/slack/commands", null)).StatusCode);
    }

    [Fact]
    public void TeamsCredentials_AloneTurnItOff()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Teams:AppId"] = "00000000-0000-0000-0000-000000000001" }).Build();
        Assert.False(SimulatorMode.From(config).IsOn);
        Assert.True(SimulatorMode.From(new ConfigurationBuilder().Build()).IsOn);
    }
}
