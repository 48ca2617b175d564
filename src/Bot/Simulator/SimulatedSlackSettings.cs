using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using PeerBot.Bot.Slack;

namespace PeerBot.Bot.Simulator;

/// <summary>
/// With the simulator on, fills in what a real install would provide — a signing secret (random per run), a bot
/// token and the Web API address — but only where nothing is configured: a configured value always wins.
/// </summary>
public sealed class SimulatedSlackSettings(IConfiguration configuration, SimulatorMode mode) : IPostConfigureOptions<SlackOptions>
{
    public const string BotToken = "xoxb-simulator-0000";

    // Generated once per process: only the simulator, inside this process, signs with it.
    private readonly string _signingSecret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public void PostConfigure(string? name, SlackOptions options)
    {
        if (!mode.IsOn)
        {
            return;
        }

        if (string.IsNullOrEmpty(options.SigningSecret))
        {
            options.SigningSecret = _signingSecret;
        }

        if (string.IsNullOrEmpty(options.BotToken) && string.IsNullOrEmpty(options.ClientId))
        {
            options.BotToken = BotToken;
        }

        if (string.IsNullOrEmpty(configuration["Slack:ApiBaseUrl"]))
        {
            options.ApiBaseUrl = SimulatedSlackAddress.ApiBase;
        }
    }
}
