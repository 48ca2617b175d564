using System.Net;
using IPNetwork = System.Net.IPNetwork;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace PeerBot.Bot.Hosting;

/// <summary>
/// Behind a TLS-terminating proxy: <c>X-Forwarded-For/-Proto/-Host</c> are believed only from the configured proxies
/// (loopback by default), so the request reads as https — install cookies get <c>Secure</c>, links get https.
/// </summary>
public static class ProxyExtensions
{
    public static IHostApplicationBuilder AddProxySupport(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ProxyOptions>().BindConfiguration(ProxyOptions.Section)
            .Validate(o => ProxyOptions.Split(o.KnownProxies).All(p => IPAddress.TryParse(p, out _)), "PeerBot:Proxy:KnownProxies must be IP addresses separated by commas (set PeerBot__Proxy__KnownProxies).")
            .Validate(o => ProxyOptions.Split(o.KnownNetworks).All(n => IPNetwork.TryParse(n, out _)), "PeerBot:Proxy:KnownNetworks must be CIDR networks separated by commas, e.g. 10.0.0.0/8 (set PeerBot__Proxy__KnownNetworks).")
            .Validate(o => o.ForwardLimit is >= 1 and <= 10, "PeerBot:Proxy:ForwardLimit must be from 1 to 10.")
            .ValidateOnStart();
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>>((forwarded, proxy) =>
        {
            var o = proxy.Value;
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            forwarded.ForwardLimit = o.ForwardLimit;
            var proxies = ProxyOptions.Split(o.KnownProxies).Select(IPAddress.Parse).ToList();
            var networks = ProxyOptions.Split(o.KnownNetworks).Select(n => IPNetwork.Parse(n)).ToList();
            if (proxies.Count + networks.Count > 0)
            {
                // Configured: exactly these, not loopback besides (a sidecar proxy on the same host lists 127.0.0.1).
                forwarded.KnownProxies.Clear();
                forwarded.KnownIPNetworks.Clear();
                proxies.ForEach(forwarded.KnownProxies.Add);
                networks.ForEach(forwarded.KnownIPNetworks.Add);
            }
        });
        return builder;
    }

    /// <summary>First in the pipeline, so everything after sees the client's scheme, host and address.</summary>
    public static WebApplication UseProxySupport(this WebApplication app)
    {
        app.UseForwardedHeaders();
        return app;
    }
}
