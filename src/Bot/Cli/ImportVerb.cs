using Npgsql;
using PeerBot.MatchTool;
using PeerBot.Matching.Profiles;
using PeerBot.Scheduler.Members;
using PeerBot.Scheduler.Workspaces;

namespace PeerBot.Bot.Cli;

/// <summary>
/// <c>import</c>: a roster into a workspace's member profiles. Every line is validated first; one bad line and
/// nothing is imported (a half-imported roster is worse than none), otherwise all lines are saved in one transaction.
/// </summary>
public sealed class ImportVerb(TextWriter output, TextWriter error)
{
    public const string Usage = "usage: import --workspace ID [--platform slack|teams] --file people.jsonl|people.csv [--ConnectionStrings:PeerBot=…]";

    public async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        CliArguments flags;
        string workspaceId, platform, file;
        try
        {
            flags = CliArguments.Parse(args, ["workspace", "platform", "file"], allowSettings: true);
            workspaceId = flags.Required("workspace");
            // Rosters come from district systems; the workspace is addressed by its platform id (Slack team id, Teams tenant id).
            platform = flags.Choice("platform", ChatPlatforms.Slack, [.. ChatPlatforms.All]);
            file = flags.Required("file");
        }
        catch (CliUsageException e)
        {
            await error.WriteLineAsync($"import: {e.Message}");
            await error.WriteLineAsync(Usage);
            return 2;
        }

        Roster roster;
        try
        {
            roster = RosterReader.Read(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"import: {e.Message}");
            return 1;
        }

        if (roster.Rejected.Count > 0)
        {
            foreach (var line in roster.Rejected)
            {
                await error.WriteLineAsync($"{file}: {line}");
            }

            if (roster.NormalisedSummary() is { } normalised)
            {
                await error.WriteLineAsync($"import: {normalised} on the lines that passed");
            }

            var lines = roster.Rejected.Select(r => r.Line).Distinct().Count();
            await error.WriteLineAsync($"import: {lines} line(s) rejected; nothing imported into workspace {workspaceId}. Fix them and run again.");
            return 1;
        }

        return await CommandLine.WithDatabaseAsync([.. flags.Settings], services => SaveAsync(services, platform, workspaceId, file, roster));
    }

    private async Task<int> SaveAsync(IServiceProvider services, string platform, string workspaceId, string file, Roster roster)
    {
        var ct = CancellationToken.None;
        var workspace = await services.GetRequiredService<WorkspaceDirectory>().GetOrCreateAsync(platform, workspaceId, "", ct);
        var members = services.GetRequiredService<MemberDirectory>();
        var existing = (await members.ListAsync(workspace.Id, ct)).ToDictionary(m => m.ExternalUserId, m => m.Profile, StringComparer.Ordinal);

        await using var connection = await services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        int created = 0, updated = 0;
        foreach (var entry in roster.Entries)
        {
            var profile = existing.TryGetValue(entry.Profile.Id, out var current) ? Merge(entry, current) : entry.Profile;
            if (await members.SaveAsync(workspace.Id, profile, ct, connection, tx))
            {
                created++;
            }
            else
            {
                updated++;
            }
        }

        await tx.CommitAsync(ct);
        var name = workspace.Name.Length > 0 ? $" ({workspace.Name})" : "";
        var normalised = roster.NormalisedSummary() is { } n ? $"; {n}" : "";
        await output.WriteLineAsync($"Imported {file} into workspace {workspace.Platform} {workspace.ExternalId}{name}: {created} created, {updated} updated, 0 rejected{normalised}.");
        return 0;
    }

    /// <summary>The roster's fields applied on top of the member's profile, so a column the roster leaves out keeps what the teacher set in chat.</summary>
    private static TeacherProfile Merge(RosterEntry entry, TeacherProfile current)
    {
        var (profile, errors) = ProfileBuilder.Build(entry.Profile.Id, current.Name, entry.Fields, current);
        // The fields passed on their own, so on top of a valid profile they can only fail if the rules changed under us.
        return profile ?? throw new InvalidOperationException($"line {entry.Line}: {string.Join("; ", errors.Select(e => e.Message))}");
    }
}
