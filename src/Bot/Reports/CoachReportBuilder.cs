using Microsoft.Extensions.Options;
using PeerBot.Bot.Pulse;
using PeerBot.Matching.Pulse;
using PeerBot.Scheduler.Pulse;
using PeerBot.Scheduler.Schedules;

namespace PeerBot.Bot.Reports;

/// <summary>Loads aggregates for a scope and applies the pulse rules; the one way any report (chat, CSV, web page) is made.</summary>
public sealed class CoachReportBuilder(PulseReportStore store, PeerBot.Scheduler.Ask.AskStore asks, PeerBot.Scheduler.Thanks.ThanksStore thanks, WorkspaceSettingsStore settings, IOptions<PulseOptions> options, TimeProvider clock)
{
    public AnonymityRules Rules => options.Value.Rules;

    public SuppressionThreshold Threshold => Rules.Threshold;

    public async Task<CoachReport> BuildAsync(Guid workspaceId, ReportScope scope, CancellationToken ct)
    {
        var workspace = await settings.GetAsync(workspaceId, ct);
        var zone = workspace.Zone;
        var today = TimeZones.LocalDate(zone, clock.GetUtcNow());
        var since = scope.Since(today);
        var rounds = await store.RoundsAsync(workspaceId, since, ct);
        var tallies = await store.TalliesAsync([.. rounds.Select(r => r.PulseId)], ct);
        var report = PulseReportBuilder.Build(rounds, tallies, scope, today, Threshold);

        var comments = new List<(DateOnly, IReadOnlyList<string>)>();
        var allowed = report.Weeks.Where(w => CommentRule.Visible(scope, w, Rules)).ToList();
        var written = allowed.Count == 0 ? null : await store.CommentsAsync([.. allowed.Select(w => w.PulseId)], ct);
        foreach (var week in allowed)
        {
            // Stored in random order already; a fixed shuffle per pulse shows a re-opened link the same list.
            var shown = CommentRule.Shuffle(written![week.PulseId].Order(StringComparer.Ordinal), new Random(week.PulseId.GetHashCode()));
            if (shown.Count > 0)
            {
                comments.Add((week.Week, shown));
            }
        }

        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var mentoring = await store.MentoringAsync(workspaceId, monday, TimeZones.ToInstant(monday.ToDateTime(TimeOnly.MinValue), zone), since, Threshold, ct);
        var asked = await asks.HealthAsync(workspaceId, TimeZones.ToInstant(since.ToDateTime(TimeOnly.MinValue), zone).ToUniversalTime(), ct);
        // Thanks and meetings: this term up to last Sunday, whatever the cohort or weeks asked for, so no two reports differ by a few people.
        var term = SchoolTerm.Start(today, workspace.Window.Breaks);
        var thanked = term < monday ? await thanks.HealthAsync(workspaceId, term, monday.AddDays(-1), zone, Threshold, ct) : null;
        return new CoachReport(report, comments, mentoring, today) { CommentsFrom = Rules.FewestForComments, Asks = asked, Thanks = thanked };
    }
}
