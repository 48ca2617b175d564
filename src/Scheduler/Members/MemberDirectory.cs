using Npgsql;
using PeerBot.Matching.Profiles;

namespace PeerBot.Scheduler.Members;

/// <summary>Members and their profiles in PostgreSQL. <c>leave</c> forgets a person through the Bot's MemberErasure.</summary>
public sealed class MemberDirectory(NpgsqlDataSource db, TimeProvider clock)
{
    private const string Columns = "id, workspace_id, external_user_id, display_name, role, subjects, grades, years, school, focus, time_zone, availability, capacity, cohort, paused_until, joined_at, name_given, skips_next_round";

    public async Task<Member?> FindAsync(Guid workspaceId, string externalUserId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"select {Columns} from members where workspace_id = $1 and external_user_id = $2");
        cmd.Parameters.Add(new() { Value = workspaceId });
        cmd.Parameters.Add(new() { Value = externalUserId });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<Member>> ListAsync(Guid workspaceId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"select {Columns} from members where workspace_id = $1 order by joined_at, id");
        cmd.Parameters.Add(new() { Value = workspaceId });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var list = new List<Member>();
        while (await reader.ReadAsync(ct))
        {
            list.Add(Read(reader));
        }

        return list;
    }

    /// <summary>Creates or updates the member's profile; returns true when the member is new.</summary>
    /// <param name="nameGiven">The person typed this name themselves: it wins over the platform's display name from now on.
    /// Saving the same name again keeps it theirs; a different name not given by them (the platform's) makes it the platform's.</param>
    public async Task<bool> SaveAsync(Guid workspaceId, TeacherProfile profile, CancellationToken ct, NpgsqlConnection? connection = null, NpgsqlTransaction? tx = null, bool nameGiven = false)
    {
        var sql = """
            insert into members (id, workspace_id, external_user_id, display_name, role, subjects, grades, years, school, focus, time_zone, availability, capacity, cohort, joined_at, updated_at, name_given)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15, $16)
            on conflict (workspace_id, external_user_id) do update set
                name_given = excluded.name_given or (members.name_given and members.display_name = excluded.display_name),
                display_name = excluded.display_name, role = excluded.role, subjects = excluded.subjects, grades = excluded.grades,
                years = excluded.years, school = excluded.school, focus = excluded.focus, time_zone = excluded.time_zone,
                availability = excluded.availability, capacity = excluded.capacity, cohort = excluded.cohort, updated_at = excluded.updated_at
            returning (xmax = 0)
            """;
        await using var cmd = connection is null ? db.CreateCommand(sql) : new NpgsqlCommand(sql, connection, tx);
        object Db(object? v) => v ?? DBNull.Value;
        cmd.Parameters.Add(new() { Value = Guid.CreateVersion7() });
        cmd.Parameters.Add(new() { Value = workspaceId });
        cmd.Parameters.Add(new() { Value = profile.Id });
        cmd.Parameters.Add(new() { Value = profile.Name });
        cmd.Parameters.Add(new() { Value = profile.Role.ToString().ToLowerInvariant() });
        cmd.Parameters.Add(new() { Value = profile.Subjects.ToArray() });
        cmd.Parameters.Add(new() { Value = profile.Grades.ToArray() });
        cmd.Parameters.Add(new() { Value = profile.Years });
        cmd.Parameters.Add(new() { Value = Db(profile.School) });
        cmd.Parameters.Add(new() { Value = profile.Focus.ToArray() });
        cmd.Parameters.Add(new() { Value = Db(profile.TimeZone) });
        cmd.Parameters.Add(new() { Value = profile.Availability.Select(a => a.ToString()).ToArray() });
        cmd.Parameters.Add(new() { Value = profile.Capacity });
        cmd.Parameters.Add(new() { Value = Db(profile.Cohort) });
        cmd.Parameters.Add(new() { Value = clock.GetUtcNow() });
        cmd.Parameters.Add(new() { Value = nameGiven });
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Pauses nudges and pairing until <paramref name="until"/>, or resumes when null. False when not a member.</summary>
    public async Task<bool> SetPauseAsync(Guid workspaceId, string externalUserId, DateTimeOffset? until, CancellationToken ct)
    {
        // Coming back (resume, "I'm back") also ends a quiet pause and starts the quiet count afresh.
        await using var cmd = db.CreateCommand("""
            update members set paused_until = $3, updated_at = now(),
                back_at = case when $3 is null then now() else back_at end,
                quiet_since = case when $3 is null then null else quiet_since end
            where workspace_id = $1 and external_user_id = $2
            """);
        cmd.Parameters.Add(new() { Value = workspaceId });
        cmd.Parameters.Add(new() { Value = externalUserId });
        cmd.Parameters.Add(new() { Value = until.HasValue ? until.Value : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>
    /// Takes the member out of the next pairing round (<paramref name="skip"/> true), brings them back (false), or flips it (null).
    /// Returns whether they now skip it; null when not a member.
    /// </summary>
    public async Task<bool?> SetSkipNextRoundAsync(Guid workspaceId, string externalUserId, bool? skip, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            update members set skips_next_round = coalesce($3, not skips_next_round), updated_at = now()
            where workspace_id = $1 and external_user_id = $2 returning skips_next_round
            """);
        cmd.Parameters.Add(new() { Value = workspaceId });
        cmd.Parameters.Add(new() { Value = externalUserId });
        cmd.Parameters.Add(new() { Value = skip.HasValue ? skip.Value : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Boolean });
        return await cmd.ExecuteScalarAsync(ct) is bool now ? now : null;
    }

    /// <summary>
    /// The platform says this person's display name is now <paramref name="name"/>: members who did not type a name of their
    /// own are called by it from now on. One statement that writes only when the name changed; false when nothing changed.
    /// </summary>
    public async Task<bool> RefreshPlatformNameAsync(Guid workspaceId, string externalUserId, string name, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(name) || name == externalUserId)
        {
            return false;
        }

        await using var cmd = db.CreateCommand("""
            update members set display_name = $3, updated_at = now()
            where workspace_id = $1 and external_user_id = $2 and not name_given and display_name <> $3
            """);
        cmd.Parameters.Add(new() { Value = workspaceId });
        cmd.Parameters.Add(new() { Value = externalUserId });
        cmd.Parameters.Add(new() { Value = name.Trim().Length > 80 ? name.Trim()[..80] : name.Trim() });
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    private static Member Read(NpgsqlDataReader r)
    {
        var profile = new TeacherProfile
        {
            Id = r.GetString(2),
            Name = r.GetString(3),
            Role = Enum.Parse<MentoringRole>(r.GetString(4), ignoreCase: true),
            Subjects = r.GetFieldValue<string[]>(5),
            Grades = r.GetFieldValue<string[]>(6),
            Years = r.GetInt32(7),
            School = r.IsDBNull(8) ? null : r.GetString(8),
            Focus = r.GetFieldValue<string[]>(9),
            TimeZone = r.IsDBNull(10) ? null : r.GetString(10),
            Availability = r.GetFieldValue<string[]>(11).Select(a => AvailabilityWindow.TryParse(a, out var w) ? w : null).OfType<AvailabilityWindow>().ToArray(),
            Capacity = r.GetInt32(12),
            Cohort = r.IsDBNull(13) ? null : r.GetString(13),
        };
        return new Member(r.GetGuid(0), r.GetGuid(1), r.GetString(2), profile,
            r.IsDBNull(14) ? null : r.GetFieldValue<DateTimeOffset>(14), r.GetFieldValue<DateTimeOffset>(15)) { NameGiven = r.GetBoolean(16), SkipsNextRound = r.GetBoolean(17) };
    }
}
