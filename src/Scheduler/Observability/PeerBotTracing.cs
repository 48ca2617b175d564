using System.Diagnostics;

namespace PeerBot.Scheduler.Observability;

/// <summary>
/// PeerBot's own spans ("PeerBot" activity source): one per command, click, form and background job, between the
/// platform's request (ASP.NET Core's span) and the SQL and outbound calls made on its behalf (Npgsql's and
/// HttpClient's spans). Exported only when OpenTelemetry is on (see the README's "Metrics and traces").
/// </summary>
public static class PeerBotTracing
{
    public const string SourceName = "PeerBot";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>Runs <paramref name="work"/> inside a span, marking the span as failed if it throws.</summary>
    public static async Task<T> InSpanAsync<T>(string name, string platform, Func<Task<T>> work)
    {
        using var activity = Source.StartActivity(name);
        activity?.SetTag("peerbot.platform", platform);
        try
        {
            return await work();
        }
        catch (Exception e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            throw;
        }
    }
}
