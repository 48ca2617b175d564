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
        // A small pool per bot under test, whose idle connections close soon: hundreds of bots share one test server
        // over a run, and pools keyed by a connection string (Hangfire's) outlive their bot.
        return new NpgsqlConnectionStringBuilder(server)
        {
            Database = name,
            MaxPoolSize = 20,
            ConnectionIdleLifetime = 10,
            ConnectionPruningInterval = 2,
        }.ConnectionString;
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
        StopWhenThisProcessEnds(_directory);
        return _cluster.ConnectionString;
    }

    /// <summary>
    /// The test host may be ended without running exit handlers (the runner kills it, a crash): a small watchdog
    /// outside it stops the server (fast shutdown) and removes the directory once this process is gone.
    /// </summary>
    private static void StopWhenThisProcessEnds(string directory)
    {
        var script = $"""
            exec </dev/null >/dev/null 2>&1
            while [ -d /proc/{Environment.ProcessId} ]; do sleep 2; done
            pid=$(head -n 1 '{directory}/pgdata/postmaster.pid')
            if [ -n "$pid" ]; then
              kill -INT "$pid"
              for i in 1 2 3 4 5 6 7 8 9 10; do [ -d "/proc/$pid" ] || break; sleep 1; done
            fi
            rm -rf '{directory}'
            """;
        var watchdog = new System.Diagnostics.ProcessStartInfo("sh") { UseShellExecute = false, RedirectStandardInput = false };
        watchdog.ArgumentList.Add("-c");
        watchdog.ArgumentList.Add(script);
        System.Diagnostics.Process.Start(watchdog)?.Dispose();
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
