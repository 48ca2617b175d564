using PeerBot.Scheduler.Persistence;

namespace PeerBot.Bot.Database;

/// <summary>Applies pending migrations before anything else starts.</summary>
public sealed partial class MigrateOnStart(Migrator migrator, DatabaseConnection database, ILogger<MigrateOnStart> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await migrator.MigrateAsync(cancellationToken);
        LogDatabase(database.Description);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Database: {Database}")]
    private partial void LogDatabase(string database);
}
