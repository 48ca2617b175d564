using System.Reflection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace PeerBot.Scheduler.Persistence;

/// <summary>
/// Applies the numbered SQL scripts embedded under <c>*/Migrations/NNNN_name.sql</c>, each once, in order,
/// under a PostgreSQL advisory lock so that instances starting together take turns.
/// </summary>
public sealed partial class Migrator(NpgsqlDataSource db, ILogger<Migrator> log)
{
    // Any constant works; it only has to be the same for every PeerBot instance.
    private const long AdvisoryLockKey = 0x5065_6572_426f_74;

    public async Task<int> MigrateAsync(CancellationToken ct = default)
    {
        var scripts = LoadScripts();
        await using var conn = await db.OpenConnectionAsync(ct);
        await Exec(conn, "select pg_advisory_lock($1)", ct, AdvisoryLockKey);
        try
        {
            await Exec(conn, """
                create table if not exists schema_migrations (
                    version int primary key,
                    name text not null,
                    applied_at timestamptz not null default now())
                """, ct);
            var applied = new HashSet<int>();
            await using (var cmd = new NpgsqlCommand("select version from schema_migrations", conn))
            await using (var reader = await cmd.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    applied.Add(reader.GetInt32(0));
                }
            }

            var count = 0;
            foreach (var (version, name, sql) in scripts.Where(s => !applied.Contains(s.Version)))
            {
                await using var tx = await conn.BeginTransactionAsync(ct);
                await using (var cmd = new NpgsqlCommand(sql, conn, tx))
                {
                    await cmd.ExecuteNonQueryAsync(ct);
                }

                await using (var record = new NpgsqlCommand("insert into schema_migrations(version, name) values ($1, $2)", conn, tx))
                {
                    record.Parameters.Add(new() { Value = version });
                    record.Parameters.Add(new() { Value = name });
                    await record.ExecuteNonQueryAsync(ct);
                }

                await tx.CommitAsync(ct);
                LogApplied(version, name);
                count++;
            }

            LogUpToDate(scripts.Count == 0 ? 0 : scripts.Max(s => s.Version), count);
            return count;
        }
        finally
        {
            await Exec(conn, "select pg_advisory_unlock($1)", CancellationToken.None, AdvisoryLockKey);
        }
    }

    /// <summary>How many of the scripts this build knows the database has not applied (0 = migrated), for readiness.</summary>
    public async Task<int> PendingAsync(CancellationToken ct = default)
    {
        var known = Known.Value;
        await using var cmd = db.CreateCommand("select count(*) from schema_migrations where version = any($1)");
        cmd.Parameters.Add(new() { Value = known });
        return known.Length - (int)(long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private static readonly Lazy<int[]> Known = new(() => LoadScripts().Select(s => s.Version).ToArray());

    private static List<(int Version, string Name, string Sql)> LoadScripts()
    {
        // Each feature keeps its scripts beside its code, in whichever PeerBot assembly it lives.
        var assemblies = AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => a.GetName().Name is { } n && n.StartsWith("PeerBot.", StringComparison.Ordinal) && !n.EndsWith(".Tests", StringComparison.Ordinal));
        var scripts = new List<(int, string, string)>();
        foreach (var (assembly, resource) in assemblies.SelectMany(a => a.GetManifestResourceNames()
                     .Where(n => n.EndsWith(".sql", StringComparison.Ordinal) && n.Contains(".Migrations.", StringComparison.Ordinal))
                     .Select(n => (a, n))))
        {
            // Resource names look like PeerBot.Scheduler.Persistence.Migrations._0001_foundation.sql
            var file = resource.Split(".Migrations.")[^1].TrimStart('_');
            var version = int.Parse(file[..4], System.Globalization.CultureInfo.InvariantCulture);
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            scripts.Add((version, file[5..^4], reader.ReadToEnd()));
        }

        var duplicate = scripts.GroupBy(s => s.Item1).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two migrations share number {duplicate.Key}: {string.Join(", ", duplicate.Select(s => s.Item2))}");
        }

        return scripts.OrderBy(s => s.Item1).ToList();
    }

    private static async Task Exec(NpgsqlConnection conn, string sql, CancellationToken ct, params object[] args)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var a in args)
        {
            cmd.Parameters.Add(new() { Value = a });
        }

        await cmd.ExecuteNonQueryAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied database migration {Version} {Name}")]
    private partial void LogApplied(int version, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database schema at version {Version} ({Applied} applied now)")]
    private partial void LogUpToDate(int version, int applied);
}
