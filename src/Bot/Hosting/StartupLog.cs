using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using PeerBot.Bot.Database;
using PeerBot.Bot.Simulator;
using PeerBot.Bot.Slack;
using PeerBot.Bot.Teams;

namespace PeerBot.Bot.Hosting;

/// <summary>The first lines an operator reads: where PeerBot listens, which database, which platforms.</summary>
public static partial class StartupLog
{
    public static WebApplication LogStartup(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("PeerBot");
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            LogListening(log, string.Join(", ", addresses));
            LogDatabase(log, app.Services.GetRequiredService<DatabaseConnection>().Description);
            var simulator = app.Services.GetRequiredService<SimulatorMode>().IsOn;
            if (simulator)
            {
                LogSimulator(log, app.Services.GetRequiredService<SimulatedSlackAddress>().PageUrl ?? "/");
            }

            LogPlatforms(log, PlatformsOn(app.Services, simulator), app.Environment.EnvironmentName);
        });
        return app;
    }

    /// <summary>What is really on, as the options were bound and validated (the simulator's own Slack included).</summary>
    public static string PlatformsOn(IServiceProvider services, bool simulator)
    {
        var slack = services.GetRequiredService<IOptions<SlackOptions>>().Value;
        var teams = services.GetRequiredService<IOptions<TeamsOptions>>().Value;
        List<string> on = [];
        if (simulator)
        {
            on.Add("the simulator's Slack (in this process)");
        }
        else
        {
            if (slack.Enabled)
            {
                on.Add(string.IsNullOrEmpty(slack.BotToken) && !string.IsNullOrEmpty(slack.ClientId)
                    ? "Slack over HTTP (POST /slack/commands, /slack/interactivity, /slack/events; OAuth install at /slack/install)"
                    : "Slack over HTTP (POST /slack/commands, /slack/interactivity, /slack/events)");
            }

            if (!string.IsNullOrEmpty(slack.AppToken))
            {
                on.Add("Slack Socket Mode");
            }
        }

        if (teams.Enabled)
        {
            on.Add("Microsoft Teams (POST /api/messages)");
        }

        return on.Count == 0 ? "none" : string.Join("; ", on);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "PeerBot is listening on {Addresses}")]
    private static partial void LogListening(ILogger log, string addresses);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database: {Database}")]
    private static partial void LogDatabase(ILogger log, string database);

    [LoggerMessage(Level = LogLevel.Information, Message = "Chat platforms on: {Platforms} (environment {Environment})")]
    private static partial void LogPlatforms(ILogger log, string platforms, string environment);

    [LoggerMessage(Level = LogLevel.Information, Message = "Simulator on: open {Url} to try PeerBot as sample teachers (Slack is simulated in this process; configure Slack or Teams to turn it off)")]
    private static partial void LogSimulator(ILogger log, string url);
}
