using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Npgsql;
using PeerBot.Bot.Workspaces;

namespace PeerBot.Bot.Slack.Install;

public static class SlackInstallExtensions
{
    /// <summary>OAuth v2 install, encrypted per-workspace tokens (Data Protection, key ring in PostgreSQL) and the token source.</summary>
    public static IServiceCollection AddSlackInstall(this IServiceCollection s)
    {
        s.AddDataProtection().SetApplicationName("PeerBot");
        s.AddOptions<KeyManagementOptions>().Configure<NpgsqlDataSource>((o, db) => o.XmlRepository = new PostgresKeyRing(db));
        s.AddHttpClient<SlackOAuthClient>(c => c.Timeout = TimeSpan.FromSeconds(15));
        s.AddSingleton<SlackInstallations>();
        s.AddSingleton<SlackInstallState>();
        s.AddSingleton<SlackInstallEndpoints>();
        s.AddSingleton<ISlackTokenSource, SlackTokens>();
        s.AddSingleton<IPlatformTenancy, SlackTenancy>();
        return s;
    }
}
