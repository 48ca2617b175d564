using PeerBot.Scheduler.Persistence;

namespace PeerBot.Bot.Database;

/// <summary>
/// First to start and last to stop: applies pending migrations before anything else runs, and stops the
/// private cluster (when we started one) after everything else has stopped using it.
/// </summary>
public sealed partial class DatabaseLifetime(Migrator migrator, DatabaseConnection database, ILogger<DatabaseLifetime> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await migrator.MigrateAsync(cancellationToken);
        LogDatabase(database.Description);
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await database.StopAsync();

    [LoggerMessage(Level = LogLevel.Information, Message = "Database: {Database}")]
    private partial void LogDatabase(string database);
}
