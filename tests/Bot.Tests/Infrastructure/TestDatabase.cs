using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PeerBot.Scheduler.Persistence;

namespace PeerBot.Bot.Tests.Infrastructure;

/// <summary>
/// Real PostgreSQL for tests: <c>PEERBOT_TEST_DATABASE</c> when set, otherwise one private cluster per test run
/// (the same mechanism the bot uses), with a fresh database per caller.
/// </summary>
public static class TestDatabase
{
    private static readonly Lazy<Task<string>> Server = new(StartAsync);
    private static PrivateCluster? _cluster;
    private static string? _directory;

    public static async Task<string> CreateAsync()
    {
        var server = await Server.Value;
        var name = "t_" + Guid.NewGuid().ToString("N")[..16];
        await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString);
        await conn.OpenAsync();
        await using var create = new NpgsqlCommand($"create database {name}", conn);
        await create.ExecuteNonQueryAsync();
        // A small pool per bot under test: many bots share one test server.
        return new NpgsqlConnectionStringBuilder(server) { Database = name, MaxPoolSize = 20 }.ConnectionString;
    }

    private static async Task<string> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("PEERBOT_TEST_DATABASE") is { Length: > 0 } configured)
        {
            return configured;
        }

        // /tmp, not the checkout: the server runs as 'postgres' when we are root, and must reach the directory.
        _directory = Path.Combine(Path.GetTempPath(), $"peerbot-tests-{Environment.ProcessId}-{Guid.NewGuid():N}"[..48]);
        _cluster = await PrivateCluster.StartAsync(_directory, NullLogger.Instance, forTests: true);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
        return _cluster.ConnectionString;
    }

    private static void Stop()
    {
        try
        {
            _cluster?.DisposeAsync().AsTask().GetAwaiter().GetResult();
            if (_directory is not null)
            {
                Directory.Delete(_directory, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"Test cluster cleanup: {e.Message}");
        }
    }
}
