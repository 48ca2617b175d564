using Microsoft.Extensions.Options;
using PeerBot.Bot.Hosting;
using PeerBot.Scheduler.Persistence;

namespace PeerBot.Bot.Database;

/// <summary>
/// The PostgreSQL PeerBot talks to: <c>ConnectionStrings:PeerBot</c> when configured, otherwise a private
/// cluster started (and, on shutdown, stopped) from the machine's binaries. Resolved once, at start.
/// </summary>
public sealed partial class DatabaseConnection(IConfiguration configuration, IHostEnvironment environment, IOptions<DatabaseOptions> options, ILogger<DatabaseConnection> log) : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private string? _connectionString;
    private PrivateCluster? _cluster;

    public string ConnectionString
    {
        get
        {
            lock (_gate)
            {
                return _connectionString ??= Resolve();
            }
        }
    }

    /// <summary>"the private cluster in …" or "the configured database at host:port/db", for the start-up log.</summary>
    public string Description { get; private set; } = "";

    private string Resolve()
    {
        if (configuration.GetConnectionString("PeerBot") is { Length: > 0 } configured)
        {
            var b = new Npgsql.NpgsqlConnectionStringBuilder(configured);
            Description = $"the configured database {b.Database} at {b.Host}:{b.Port}";
            return configured;
        }

        // The same guard as at start-up, for whatever resolves the database first (hosted services are built before they start).
        if (DeploymentGuards.Refusal(configuration, environment) is { } refusal)
        {
            throw new StartupRefusedException(refusal);
        }

        var directory = Path.GetFullPath(options.Value.DataDirectory);
        LogNoConnectionString(directory);
        // Start-up is the one place we may block: nothing can run before the database is there.
        _cluster = PrivateCluster.StartAsync(directory, log).GetAwaiter().GetResult();
        Description = $"the private PostgreSQL cluster in {directory} (127.0.0.1:{_cluster.Port})";
        return _cluster.ConnectionString;
    }

    /// <summary>Stops the private cluster if this process started it; a configured database is left alone.</summary>
    public async Task StopAsync()
    {
        if (_cluster is { } cluster)
        {
            _cluster = null;
            await cluster.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    [LoggerMessage(Level = LogLevel.Information, Message = "No ConnectionStrings__PeerBot configured: using a private PostgreSQL cluster under {Directory}")]
    private partial void LogNoConnectionString(string directory);
}
