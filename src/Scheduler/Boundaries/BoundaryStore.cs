using Npgsql;
using PeerBot.Matching.Rules;
using PeerBot.Scheduler.Members;

namespace PeerBot.Scheduler.Boundaries;

/// <summary>
/// The pairs PeerBot must never bring together: a member's confidential never-pair list (either direction) and
/// evaluators with the people they evaluate. Read by every way people meet — rounds, mentor requests, find, say-hi.
/// </summary>
public sealed class BoundaryStore(NpgsqlDataSource db)
{
    /// <summary>True when added, false when already on the list.</summary>
    public async Task<bool> AddNeverAsync(Guid workspaceId, string userId, string otherUserId, CancellationToken ct) =>
        await ExecAsync("insert into never_pairs (workspace_id, user_id, other_user_id) values ($1, $2, $3) on conflict do nothing", ct, workspaceId, userId, otherUserId) == 1;

    public async Task<bool> RemoveNeverAsync(Guid workspaceId, string userId, string otherUserId, CancellationToken ct) =>
        await ExecAsync("delete from never_pairs where workspace_id = $1 and user_id = $2 and other_user_id = $3", ct, workspaceId, userId, otherUserId) == 1;

    /// <summary>The owner's own list, oldest first. Never read for anyone but its owner.</summary>
    public async Task<IReadOnlyList<string>> NeverListAsync(Guid workspaceId, string userId, CancellationToken ct)
    {
        await using var cmd = Command("select other_user_id from never_pairs where workspace_id = $1 and user_id = $2 order by added_at, other_user_id", workspaceId, userId);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<string>();
        while (await r.ReadAsync(ct))
        {
            list.Add(r.GetString(0));
        }

        return list;
    }

    /// <summary>True when added, false when the same rule was already there.</summary>
    public async Task<bool> AddEvaluatesAsync(Guid workspaceId, EvaluatorRule rule, CancellationToken ct) =>
        await ExecAsync("""
            insert into evaluators (workspace_id, evaluator_user_id, teacher_user_id, school) values ($1, $2, $3, $4)
            on conflict (workspace_id, evaluator_user_id, coalesce(teacher_user_id, ''), lower(coalesce(school, ''))) do nothing
            """, ct, workspaceId, rule.EvaluatorUserId, (object?)rule.TeacherUserId ?? DBNull.Value, (object?)rule.School ?? DBNull.Value) == 1;

    /// <summary>Removes every rule of one evaluator; returns how many there were.</summary>
    public Task<int> RemoveEvaluatorAsync(Guid workspaceId, string evaluatorUserId, CancellationToken ct) =>
        ExecAsync("delete from evaluators where workspace_id = $1 and evaluator_user_id = $2", ct, workspaceId, evaluatorUserId);

    public async Task<IReadOnlyList<EvaluatorRule>> EvaluatorsAsync(Guid workspaceId, CancellationToken ct)
    {
        await using var cmd = Command("select evaluator_user_id, teacher_user_id, school from evaluators where workspace_id = $1 order by evaluator_user_id, added_at", workspaceId);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<EvaluatorRule>();
        while (await r.ReadAsync(ct))
        {
            list.Add(new EvaluatorRule(r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2)));
        }

        return list;
    }

    /// <summary>Every pair among <paramref name="people"/> that must never meet, for the matching engine's rules.</summary>
    public async Task<IReadOnlyList<BlockedPair>> BlockedPairsAsync(Guid workspaceId, IReadOnlyList<Member> people, CancellationToken ct)
    {
        var blocked = new List<BlockedPair>();
        await using (var cmd = Command("select user_id, other_user_id from never_pairs where workspace_id = $1", workspaceId))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                blocked.Add(new BlockedPair(r.GetString(0), r.GetString(1)));
            }
        }

        foreach (var rule in await EvaluatorsAsync(workspaceId, ct))
        {
            if (rule.TeacherUserId is { } teacher)
            {
                blocked.Add(new BlockedPair(rule.EvaluatorUserId, teacher));
                continue;
            }

            blocked.AddRange(people
                .Where(p => p.ExternalUserId != rule.EvaluatorUserId && SameSchool(p.Profile.School, rule.School))
                .Select(p => new BlockedPair(rule.EvaluatorUserId, p.ExternalUserId)));
        }

        return blocked;
    }

    /// <summary>Whether these two must never be brought together (by either one's list, or as evaluator and evaluated).</summary>
    public async Task<bool> IsBlockedAsync(Guid workspaceId, Member a, Member b, CancellationToken ct) =>
        (await BlockedPairsAsync(workspaceId, [a, b], ct)).Any(p => (p.A == a.ExternalUserId && p.B == b.ExternalUserId) || (p.A == b.ExternalUserId && p.B == a.ExternalUserId));

    public static bool SameSchool(string? a, string? b) =>
        !string.IsNullOrWhiteSpace(a) && !string.IsNullOrWhiteSpace(b) && string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);

    private NpgsqlCommand Command(string sql, params object[] args)
    {
        var cmd = db.CreateCommand(sql);
        foreach (var a in args)
        {
            cmd.Parameters.Add(new() { Value = a });
        }

        return cmd;
    }

    private async Task<int> ExecAsync(string sql, CancellationToken ct, params object[] args)
    {
        await using var cmd = Command(sql, args);
        return await cmd.ExecuteNonQueryAsync(ct);
    }
}
