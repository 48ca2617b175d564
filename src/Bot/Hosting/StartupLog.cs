using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using PeerBot.Bot.Database;
using PeerBot.Bot.Simulator;
using PeerBot.Bot.Slack;

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
            if (app.Services.GetRequiredService<SimulatorMode>().IsOn)
            {
                LogSimulator(log, app.Services.GetRequiredService<SimulatedSlackAddress>().PageUrl ?? "/");
                return;
            }

            var slack = app.Services.GetRequiredService<IOptions<SlackOptions>>().Value;
            LogPlatforms(log, slack.Enabled ? "Slack (POST /slack/commands, /slack/interactivity)" : "none configured (set Slack__SigningSecret)");
        });
        return app;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "PeerBot is listening on {Addresses}")]
    private static partial void LogListening(ILogger log, string addresses);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database: {Database}")]
    private static partial void LogDatabase(ILogger log, string database);

    [LoggerMessage(Level = LogLevel.Information, Message = "Chat platforms: {Platforms}")]
    private static partial void LogPlatforms(ILogger log, string platforms);

    [LoggerMessage(Level = LogLevel.Information, Message = "Simulator on: open {Url} to try PeerBot as sample teachers (Slack is simulated in this process; configure Slack or Teams to turn it off)")]
    private static partial void LogSimulator(ILogger log, string url);
}
