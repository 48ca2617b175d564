using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PeerBot.Bot.Scheduling;

/// <summary>Ready when Hangfire's storage (its schema in PostgreSQL) answers a read within two seconds.</summary>
public sealed class HangfireStorageHealthCheck(JobStorage storage) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // Hangfire's storage API is synchronous: run it off the request thread and stop waiting after two seconds.
        var read = Task.Run(() =>
        {
            using var connection = storage.GetConnection();
            return connection.GetAllEntriesFromHash("peerbot:health");
        }, cancellationToken);
        try
        {
            await read.WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("Hangfire's job storage does not answer.");
        }
    }
}
