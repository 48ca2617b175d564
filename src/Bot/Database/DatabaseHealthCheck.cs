using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using PeerBot.Scheduler.Persistence;

namespace PeerBot.Bot.Database;

/// <summary>Ready when PostgreSQL answers within two seconds and has every migration this build knows.</summary>
public sealed class DatabaseHealthCheck(Migrator migrator) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            var pending = await migrator.PendingAsync(timeout.Token);
            return pending == 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy($"{pending} database migrations are not applied yet.");
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.");
        }
    }
}
