namespace PeerBot.Bot.Slack.SocketMode;

public static class SlackSocketModeExtensions
{
    /// <summary>Socket Mode: idle unless <c>Slack:AppToken</c> is set.</summary>
    public static IServiceCollection AddSlackSocketMode(this IServiceCollection s)
    {
        s.AddSingleton<SocketEnvelopeLog>();
        s.AddSingleton<SocketEnvelopeHandler>();
        s.AddSingleton<SlackSocketMode>();
        s.AddHostedService(sp => sp.GetRequiredService<SlackSocketMode>());
        return s;
    }
}
