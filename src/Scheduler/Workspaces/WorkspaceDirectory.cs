using System.Collections.Concurrent;
using Npgsql;
using PeerBot.Scheduler.Persistence;
using PeerBot.Scheduler.Schedules;

namespace PeerBot.Scheduler.Workspaces;

/// <summary>
/// Finds a workspace by its platform id, creating it on first contact. Cached briefly: every request asks.
/// Contact is also how an uninstalled workspace comes back: seen again (a command, an event, an activity — also with a
/// fixed bot token or Socket Mode, where no OAuth callback says so), its stopped schedules are registered again.
/// </summary>
public sealed class WorkspaceDirectory(NpgsqlDataSource db, ScheduleSignal schedules)
{
    /// <summary>
    /// How long a lookup is trusted when no news arrives: <see cref="WorkspaceChanges"/> tells every instance at once when
    /// a workspace changes; this bounds how stale a copy can be if that news is ever lost.
    /// </summary>
    private const long CacheMilliseconds = 60_000;

    private readonly ConcurrentDictionary<(string, string), (Workspace Workspace, long Until)> _cache = new();

    public async ValueTask<Workspace> GetOrCreateAsync(string platform, string externalId, string name, CancellationToken ct)
    {
        if (_cache.TryGetValue((platform, externalId), out var cached) && cached.Until > Environment.TickCount64)
        {
            return cached.Workspace;
        }

        await using var cmd = db.CreateCommand("""
            insert into workspaces (id, platform, external_id, name) values ($1, $2, $3, $4)
            on conflict (platform, external_id) do update set
                name = case when excluded.name = '' then workspaces.name else excluded.name end,
                schedules = case when workspaces.schedules = $5 then $6 else workspaces.schedules end
            returning id, platform, external_id, name, time_zone, xmax = 0 or schedules = $6
            """);
        cmd.Parameters.Add(new() { Value = Guid.CreateVersion7() });
        cmd.Parameters.Add(new() { Value = platform });
        cmd.Parameters.Add(new() { Value = externalId });
        cmd.Parameters.Add(new() { Value = name });
        cmd.Parameters.Add(new() { Value = StateText.Of(ScheduleState.Stopped) });
        cmd.Parameters.Add(new() { Value = StateText.Of(ScheduleState.Pending) });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var workspace = Read(reader);
        if (reader.GetBoolean(5))
        {
            // First contact, or back after an uninstall: its rhythm (pairing rounds, check-ins, pulses) is registered at once.
            schedules.Wake();
        }

        _cache[(platform, externalId)] = (workspace, Environment.TickCount64 + CacheMilliseconds);
        return workspace;
    }

    public async Task<Workspace?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("select id, platform, external_id, name, time_zone from workspaces where id = $1");
        cmd.Parameters.Add(new() { Value = id });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    /// <summary>Forgets cached copies after a workspace changed (here, or on another instance: see <see cref="WorkspaceChanges"/>).</summary>
    public void Invalidate(Guid id)
    {
        foreach (var (key, value) in _cache)
        {
            if (value.Workspace.Id == id)
            {
                _cache.TryRemove(key, out _);
            }
        }
    }

    /// <summary>Forgets every cached copy (after news may have been missed).</summary>
    public void InvalidateAll() => _cache.Clear();

    private static Workspace Read(NpgsqlDataReader r) =>
        new(r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4));
}
