namespace PeerBot.Bot.Hosting;

/// <summary>How PeerBot calls out (Slack, the Bot Framework): every HttpClient comes from the factory, on pooled connections that are renewed.</summary>
public static class OutboundHttp
{
    /// <summary>Long enough to reuse connections across a burst of deliveries, short enough to see a platform's DNS change within minutes.</summary>
    public static readonly TimeSpan ConnectionLifetime = TimeSpan.FromMinutes(2);

    public static IHostApplicationBuilder AddOutboundHttp(this IHostApplicationBuilder builder)
    {
        // Some clients are held by singletons (gateways, token caches) and so keep one handler for the life of the
        // process: the connection lifetime, not the factory's handler rotation, is what lets them follow DNS.
        builder.Services.ConfigureHttpClientDefaults(http => http.ConfigurePrimaryHttpMessageHandler(() =>
            new SocketsHttpHandler { PooledConnectionLifetime = ConnectionLifetime }));
        return builder;
    }
}
