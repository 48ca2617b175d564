using System.Diagnostics;
using PeerBot.Bot.Tests.Infrastructure;

namespace PeerBot.Bot.Tests.Hosting;

/// <summary>The bot as a deployed service starts it: its own process, Production unless told otherwise.</summary>
public sealed class DeploymentGuardTests
{
    [Fact]
    public async Task Production_WithoutAConnectionString_RefusesToStart_NamingTheSettings_AndCreatesNoCluster()
    {
        var directory = Path.Combine(Path.GetTempPath(), "peerbot-guard-" + Guid.NewGuid().ToString("N")[..8]);
        var run = await RunUntilExitAsync(new() { ["PeerBot__DataDirectory"] = directory, ["Slack__SigningSecret"] = "s", ["Slack__BotToken"] = "xoxb-1" });

        Assert.Equal(1, run.Code);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains("ConnectionStrings__PeerBot", line, StringComparison.Ordinal);
        Assert.Contains("PeerBot__PrivateCluster=true", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(directory), "no private cluster is created");
    }

    [Fact]
    public async Task Production_WithoutPlatformCredentials_RefusesToServeTheSimulator_NamingTheSetting()
    {
        var run = await RunUntilExitAsync(new() { ["ConnectionStrings__PeerBot"] = await TestDatabase.CreateAsync() });

        Assert.Equal(1, run.Code);
        Assert.Contains("PeerBot__Simulator=true", run.Error, StringComparison.Ordinal);
        Assert.Contains("Slack__SigningSecret", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SlackClientIdWithoutClientSecret_RefusesToStart_NamingTheMissingSetting()
    {
        var run = await RunUntilExitAsync(new()
        {
            ["ConnectionStrings__PeerBot"] = await TestDatabase.CreateAsync(),
            ["Slack__SigningSecret"] = "secret",
            ["Slack__ClientId"] = "1111.2222",
        });

        Assert.Equal(1, run.Code);
        Assert.Contains("Slack__ClientSecret", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TeamsAppIdWithoutPassword_RefusesToStart_NamingTheMissingSetting()
    {
        var run = await RunUntilExitAsync(new()
        {
            ["ConnectionStrings__PeerBot"] = await TestDatabase.CreateAsync(),
            ["Teams__AppId"] = "00000000-0000-0000-0000-000000000001",
        });

        Assert.Equal(1, run.Code);
        Assert.Contains("Teams:AppPassword", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_OptingIntoPrivateClusterAndSimulator_Starts_AndTheLogNamesThePlatformsOn()
    {
        var directory = Path.Combine(Path.GetTempPath(), "peerbot-optin-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            await using var slack = await FakeSlack.StartAsync();
            await using var bot = await BotProcess.StartAsync("", slack, new Dictionary<string, string>
            {
                ["PeerBot:PrivateCluster"] = "true",
                ["PeerBot:DataDirectory"] = directory,
                ["PeerBot:Simulator"] = "true",
                ["Slack:SigningSecret"] = "",
                ["Slack:BotToken"] = "",
                ["Slack:ApiBaseUrl"] = "",
            });

            Assert.Contains("Simulator on:", bot.Output, StringComparison.Ordinal);
            Assert.Contains("the private PostgreSQL cluster", bot.Output, StringComparison.Ordinal);
            Assert.Contains("environment Production", bot.Output, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    [Fact]
    public async Task Production_WithSlackAndTeams_StartsAndTheLogNamesBoth()
    {
        await using var slack = await FakeSlack.StartAsync();
        await using var bot = await BotProcess.StartAsync(await TestDatabase.CreateAsync(), slack, new Dictionary<string, string>
        {
            ["Teams:AppId"] = "00000000-0000-0000-0000-000000000001",
            ["Teams:AppPassword"] = "teams-secret",
        });

        var platforms = bot.Output.Split('\n').Single(l => l.Contains("Chat platforms on:", StringComparison.Ordinal));
        Assert.Contains("Slack over HTTP", platforms, StringComparison.Ordinal);
        Assert.Contains("Microsoft Teams", platforms, StringComparison.Ordinal);
        Assert.DoesNotContain("Socket Mode", platforms, StringComparison.Ordinal);
        Assert.Contains("environment Production", platforms, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await bot.Http().GetAsync("/simulator/state")).StatusCode);
    }

    private static async Task<(int Code, string Output, string Error)> RunUntilExitAsync(Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "PeerBot.Bot.dll"));
        foreach (var inherited in new[] { "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "ConnectionStrings__PeerBot" })
        {
            start.Environment.Remove(inherited);
        }

        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        foreach (var (k, v) in environment)
        {
            start.Environment[k] = v;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The bot did not exit: {await output}");
        }

        return (process.ExitCode, await output, await error);
    }
}
