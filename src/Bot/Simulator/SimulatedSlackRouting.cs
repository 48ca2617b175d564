namespace PeerBot.Bot.Simulator;

/// <summary>
/// The last hop of the bot's Slack HTTP client when the simulator is on: requests for the placeholder host go to
/// this process's own listener. Everything above (the adapter, its resilience pipeline) is unchanged.
/// </summary>
public sealed class SimulatedSlackRouting(SimulatedSlackAddress address) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { } url && SimulatedSlackAddress.IsPlaceholder(url))
        {
            request.RequestUri = address.ToLocal(url);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
