using System.Net.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;
using PeerBot.Bot.Hosting;
using PeerBot.Bot.Tests.Infrastructure;

namespace PeerBot.Bot.Tests.Architecture;

public sealed class OutboundHttpTests
{
    [Fact]
    public async Task EveryHttpClientTheBotMakes_RenewsItsPooledConnections_SoADnsChangeIsSeenWithinMinutes()
    {
        await using var app = await PeerBotApp.StartAsync();
        var factory = app.Services.GetRequiredService<IHttpMessageHandlerFactory>();
        var names = app.Services.GetServices<IConfigureOptions<HttpClientFactoryOptions>>()
            .OfType<ConfigureNamedOptions<HttpClientFactoryOptions>>()
            .Select(o => o.Name).OfType<string>().Where(n => n.Length > 0).Distinct().Order().ToList();
        Assert.Superset(new HashSet<string>(["BotConnector", "BotFrameworkMetadata", "BotFrameworkTokens", "SlackApiClient", "SlackOAuthClient"]), names.ToHashSet());

        foreach (var name in names)
        {
            HttpMessageHandler handler = factory.CreateHandler(name);
            while (handler is DelegatingHandler { InnerHandler: { } inner })
            {
                handler = inner;
            }

            var sockets = Assert.IsType<SocketsHttpHandler>(handler);
            Assert.True(sockets.PooledConnectionLifetime <= OutboundHttp.ConnectionLifetime, $"{name}: connections live {sockets.PooledConnectionLifetime}");
        }
    }
}
