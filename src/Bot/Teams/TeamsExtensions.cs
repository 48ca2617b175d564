using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using PeerBot.Bot.Workspaces;
using PeerBot.Scheduler.Chat;

namespace PeerBot.Bot.Teams;

public static class TeamsExtensions
{
    public const string MetadataClient = "BotFrameworkMetadata";

    /// <summary>The Teams adapter: JWT-checked <c>/api/messages</c>, the Bot Connector client and the Teams chat gateway.</summary>
    public static IHostApplicationBuilder AddTeams(this IHostApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddOptions<TeamsOptions>().BindConfiguration("Teams")
            .Validate(o => !o.Enabled || !string.IsNullOrEmpty(o.AppPassword), "Teams:AppPassword is required when Teams:AppId is set")
            .Validate(o => TeamsOptions.IsAcceptableUrl(o.OpenIdMetadataUrl), "Teams:OpenIdMetadataUrl must be an absolute https URL (plain http only for loopback addresses)")
            .Validate(o => string.IsNullOrEmpty(o.TokenEndpoint) || TeamsOptions.IsAcceptableUrl(o.TokenEndpoint), "Teams:TokenEndpoint must be an absolute https URL (plain http only for loopback addresses)")
            .ValidateOnStart();
        s.AddHttpClient(MetadataClient, c => c.Timeout = TimeSpan.FromSeconds(10));
        s.AddHttpClient<BotFrameworkTokens>(c => c.Timeout = TimeSpan.FromSeconds(15));
        // No automatic retries on the Connector: a retried POST can post twice; the outbox decides about retries.
        s.AddHttpClient<BotConnector>(c => c.Timeout = TimeSpan.FromSeconds(15));
        s.AddSingleton<BotFrameworkTokens>(sp => ActivatorUtilities.CreateInstance<BotFrameworkTokens>(sp, sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(BotFrameworkTokens))));
        s.AddSingleton<IConfigurationManager<BotFrameworkKeys>>(sp =>
        {
            var teams = sp.GetRequiredService<IOptions<TeamsOptions>>().Value;
            var url = teams.OpenIdMetadataUrl;
            var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient(MetadataClient);
            // Cached, refreshed every 12 hours by default, and at once (at most every 5 minutes) when an unknown key signs a token.
            return new ConfigurationManager<BotFrameworkKeys>(url, new BotFrameworkKeysRetriever(),
                new HttpDocumentRetriever(http) { RequireHttps = new Uri(url).Scheme == Uri.UriSchemeHttps })
            {
                // After the key source failed, the next look comes this soon (a 503 is answered meanwhile), not the default 5 minutes.
                RefreshInterval = teams.KeysRetryInterval,
            };
        });
        s.AddSingleton<BotFrameworkAuthenticator>();
        s.AddSingleton<TeamsConversations>();
        s.AddSingleton<TeamsDeliveryLog>();
        s.AddSingleton<TeamsChatGateway>();
        s.AddSingleton<IChatGateway>(sp => sp.GetRequiredService<TeamsChatGateway>());
        s.AddSingleton<TeamsReplier>();
        s.AddSingleton<TeamsCardActions>();
        s.AddSingleton<TeamsMessagesEndpoint>();
        s.AddSingleton<IPlatformTenancy, TeamsTenancy>();
        return builder;
    }

    public static WebApplication MapTeams(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<TeamsOptions>>().Value.Enabled)
        {
            // No app id, no Teams: the endpoint does not exist rather than exist unchecked.
            return app;
        }

        app.MapPost("/api/messages", (HttpContext c, TeamsMessagesEndpoint e) => e.HandleAsync(c));
        return app;
    }
}
