using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;

namespace PeerBot.Scheduler.Persistence;

/// <summary>
/// A PostgreSQL cluster PeerBot owns, created from the machine's binaries under a data directory:
/// the laptop and test database when no connection string is configured. Reused across starts;
/// run as the <c>postgres</c> system user when we are root, because the server refuses root.
/// </summary>
public sealed class PrivateCluster : IAsyncDisposable
{
    private const string Database = "peerbot";
    private readonly string _root;
    private readonly string _dataDir;
    private readonly string _socketDir;
    private readonly string _binDir;
    private readonly bool _asPostgresUser;
    private readonly ILogger _log;
    private bool _startedByUs;

    private PrivateCluster(string root, string binDir, ILogger log)
    {
        _root = root;
        _dataDir = Path.Combine(root, "pgdata");
        _socketDir = Path.Combine(root, "run");
        _binDir = binDir;
        _asPostgresUser = Environment.UserName == "root";
        _log = log;
    }

    public string ConnectionString { get; private set; } = "";

    private string _serverOptions = "";
    public int Port { get; private set; }

    /// <summary>Starts (creating on first use) the cluster under <paramref name="directory"/>.</summary>
    public static async Task<PrivateCluster> StartAsync(string directory, ILogger log, bool forTests = false, CancellationToken ct = default)
    {
        var bin = FindBinaries() ?? throw new InvalidOperationException(
            "PeerBot needs PostgreSQL: no 'initdb'/'pg_ctl' found on PATH or under /usr/lib/postgresql/*/bin. " +
            "Install PostgreSQL 15 or newer (Debian/Ubuntu: apt-get install postgresql), " +
            "or set ConnectionStrings__PeerBot to an existing database.");
        var cluster = new PrivateCluster(Path.GetFullPath(directory), bin, log);
        await cluster.StartCoreAsync(forTests, ct);
        return cluster;
    }

    public static string? FindBinaries()
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => d, StringComparer.Ordinal).Select(d => Path.Combine(d, "bin"))
                : []);
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }

    private async Task StartCoreAsync(bool forTests, CancellationToken ct)
    {
        Directory.CreateDirectory(_root);
        Directory.CreateDirectory(_socketDir);
        var passwordFile = Path.Combine(_root, "password");
        if (!File.Exists(Path.Combine(_dataDir, "PG_VERSION")))
        {
            await InitialiseAsync(passwordFile, ct);
        }

        var password = (await File.ReadAllTextAsync(passwordFile, ct)).Trim();
        var running = ReadRunningPort();
        if (running is int port)
        {
            Port = port;
            _log.LogInformation("Using the private PostgreSQL cluster already running in {DataDirectory} on port {Port}", _dataDir, Port);
        }
        else
        {
            Port = FreePort();
            _serverOptions = $"-k {_socketDir} -p {Port} -c listen_addresses=127.0.0.1" + (forTests ? " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=800" : "");
            await StartServerAsync(ct);
            _startedByUs = true;
            _log.LogInformation("Started the private PostgreSQL cluster in {DataDirectory} on 127.0.0.1:{Port}", _dataDir, Port);
        }

        ConnectionString = $"Host=127.0.0.1;Port={Port};Username=postgres;Password={password};Database={Database}";
        await EnsureDatabaseAsync(password, ct);
    }

    private async Task InitialiseAsync(string passwordFile, CancellationToken ct)
    {
        _log.LogInformation("Creating a private PostgreSQL cluster in {DataDirectory} (first start)", _dataDir);
        Directory.CreateDirectory(_dataDir);
        await File.WriteAllTextAsync(passwordFile, Convert.ToHexString(RandomNumberGenerator.GetBytes(24)), ct);
        File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var initPasswordFile = Path.Combine(_root, "initdb-password");
        File.Copy(passwordFile, initPasswordFile, overwrite: true);
        if (_asPostgresUser)
        {
            EnsureTraversable();
            await RunRawAsync("chown", ["postgres:postgres", _root, _dataDir, _socketDir, initPasswordFile], ct);
        }

        try
        {
            await RunAsync("initdb", ["-D", _dataDir, "-U", "postgres", "-A", "scram-sha-256", "--pwfile", initPasswordFile, "-E", "UTF8", "--locale=C.UTF-8"], ct);
        }
        finally
        {
            File.Delete(initPasswordFile);
        }
    }

    private void EnsureTraversable()
    {
        for (var dir = new DirectoryInfo(_root).Parent; dir is not null; dir = dir.Parent)
        {
            if ((File.GetUnixFileMode(dir.FullName) & UnixFileMode.OtherExecute) == 0)
            {
                throw new InvalidOperationException(
                    $"The PostgreSQL server runs as the 'postgres' user (it refuses root), and that user cannot enter {dir.FullName}. " +
                    "Set PeerBot__DataDirectory to a directory every user can reach (e.g. under /var/tmp), or set ConnectionStrings__PeerBot.");
            }
        }
    }

    private int? ReadRunningPort()
    {
        var pidFile = Path.Combine(_dataDir, "postmaster.pid");
        if (!File.Exists(pidFile))
        {
            return null;
        }

        var lines = File.ReadAllLines(pidFile);
        if (lines.Length > 3 && int.TryParse(lines[0], out var pid) && int.TryParse(lines[3], out var port) && IsAlive(pid))
        {
            return port;
        }

        return null;
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private async Task EnsureDatabaseAsync(string password, CancellationToken ct)
    {
        var admin = new Npgsql.NpgsqlConnectionStringBuilder($"Host=127.0.0.1;Port={Port};Username=postgres;Password={password};Database=postgres");
        await using var conn = new Npgsql.NpgsqlConnection(admin.ConnectionString);
        await conn.OpenAsync(ct);
        await using var exists = new Npgsql.NpgsqlCommand("select 1 from pg_database where datname = $1", conn) { Parameters = { new() { Value = Database } } };
        if (await exists.ExecuteScalarAsync(ct) is null)
        {
            await using var create = new Npgsql.NpgsqlCommand($"create database {Database}", conn);
            await create.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>Creates another database in this cluster (tests isolate themselves this way).</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken ct = default)
    {
        await using var conn = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString) { Database = "postgres" }.ConnectionString);
        await conn.OpenAsync(ct);
        await using var create = new Npgsql.NpgsqlCommand($"create database \"{name.Replace("\"", "", StringComparison.Ordinal)}\"", conn);
        await create.ExecuteNonQueryAsync(ct);
        return new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>
    /// Stops the server now, cutting every session (<c>-m fast</c>, as a restart or a switch-over does). For fault tests.
    /// (Not <c>immediate</c>: a test cluster runs with synchronous_commit off, and a crash would lose acknowledged commits.)
    /// </summary>
    public Task StopNowAsync(CancellationToken ct = default) =>
        RunAsync("pg_ctl", ["-D", _dataDir, "-m", "fast", "-w", "stop"], ct);

    /// <summary>Starts the server again on the same port after <see cref="StopNowAsync"/> (existing connection strings work again).</summary>
    public Task StartAgainAsync(CancellationToken ct = default) => StartServerAsync(ct);

    private Task StartServerAsync(CancellationToken ct) =>
        RunAsync("pg_ctl", ["-D", _dataDir, "-o", _serverOptions, "-l", Path.Combine(_root, "postgres.log"), "-w", "-t", "30", "start"], ct);

    public async ValueTask DisposeAsync()
    {
        if (!_startedByUs)
        {
            return;
        }

        Npgsql.NpgsqlConnection.ClearAllPools();
        _startedByUs = false;
        if (ReadRunningPort() is null)
        {
            // Stopped by someone else (an operator's pg_ctl, a crash): nothing to stop, and no reason to fail the shutdown.
            _log.LogWarning("The private PostgreSQL cluster in {DataDirectory} had already stopped", _dataDir);
            return;
        }

        try
        {
            await RunAsync("pg_ctl", ["-D", _dataDir, "-m", "fast", "-w", "stop"], CancellationToken.None);
            _log.LogInformation("Stopped the private PostgreSQL cluster in {DataDirectory}", _dataDir);
        }
        catch (InvalidOperationException e)
        {
            _log.LogWarning("Could not stop the private PostgreSQL cluster in {DataDirectory}: {Reason}", _dataDir, e.Message);
        }
    }

    private Task RunAsync(string tool, IReadOnlyList<string> args, CancellationToken ct) =>
        _asPostgresUser
            ? RunRawAsync(RunUser, ["-u", "postgres", "--", Path.Combine(_binDir, tool), .. args], ct)
            : RunRawAsync(Path.Combine(_binDir, tool), args, ct);

    // runuser lives in /usr/sbin or /sbin, which a non-login root PATH (CI, sudo -s, systemd) may leave out.
    private static string RunUser { get; } =
        new[] { "/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser", "/bin/runuser" }.FirstOrDefault(File.Exists) ?? "runuser";

    private static async Task RunRawAsync(string file, IReadOnlyList<string> args, CancellationToken ct)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {file}");
        var stdout = p.StandardOutput.ReadToEndAsync(ct);
        var stderr = p.StandardError.ReadToEndAsync(ct);
        await p.WaitForExitAsync(ct);
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} {string.Join(' ', args.Take(3))} failed ({p.ExitCode}): {(await stderr).Trim()} {(await stdout).Trim()}");
        }
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
