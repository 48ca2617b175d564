using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace PeerBot.Bot.Hosting;

/// <summary>
/// <c>/healthz/live</c>: the process answers (restart it if not). <c>/healthz/ready</c> (and <c>/healthz</c>): the database
/// answers and is migrated, and Hangfire's storage is up (send it traffic). A database blip makes every instance
/// unready, never restarted.
/// </summary>
public static class HealthEndpoints
{
    public const string Ready = "ready";

    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/healthz/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready) });
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready) });
        return app;
    }
}
