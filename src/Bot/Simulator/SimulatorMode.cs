namespace PeerBot.Bot.Simulator;

/// <summary>
/// Whether the workspace simulator is on: <c>PeerBot:Simulator</c> when set, otherwise on exactly when no chat
/// platform credential is configured — so a bot with real credentials never shows it unless someone asks.
/// </summary>
public sealed record SimulatorMode(bool IsOn, bool Explicit)
{
    public const string Setting = "PeerBot:Simulator";

    private static readonly string[] Credentials = ["Slack:SigningSecret", "Slack:BotToken", "Slack:ClientId", "Slack:AppToken", "Teams:AppId"];

    public static SimulatorMode From(IConfiguration configuration) =>
        configuration.GetValue<bool?>(Setting) is { } chosen
            ? new SimulatorMode(chosen, Explicit: true)
            : new SimulatorMode(Credentials.All(k => string.IsNullOrEmpty(configuration[k])), Explicit: false);
}
