using PeerBot.Bot.Workspaces;

namespace PeerBot.Bot.Slack.Install;

public static class SlackInstallExtensions
{
    /// <summary>OAuth v2 install, encrypted per-workspace tokens (Data Protection: the shared key ring, see DataProtection/) and the token source.</summary>
    public static IServiceCollection AddSlackInstall(this IServiceCollection s)
    {
        s.AddHttpClient<SlackOAuthClient>(c => c.Timeout = TimeSpan.FromSeconds(15));
        s.AddSingleton<SlackInstallations>();
        s.AddSingleton<SlackInstallState>();
        s.AddSingleton<SlackInstallEndpoints>();
        s.AddSingleton<ISlackTokenSource, SlackTokens>();
        s.AddSingleton<IPlatformTenancy, SlackTenancy>();
        return s;
    }
}
