using CsCheck;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using PeerBot.Bot.Reports;
using PeerBot.Bot.Tests.Infrastructure;
using PeerBot.Matching.Pulse;
using PeerBot.Scheduler.Delivery;
using PeerBot.Scheduler.Persistence;
using PeerBot.Scheduler.Pulse;
using PeerBot.Scheduler.Workspaces;

namespace PeerBot.Bot.Tests.Pulse;

/// <summary>
/// The difference rule, as an adversary plays it: random admin actions (cohort set and rename, coaches, questions,
/// pulse now), answers, time passing, and coach reports with any filter at any moment, on real PostgreSQL. No two
/// shown cells of one pulse, in any reports, may differ by the answers of fewer than the threshold of people.
/// </summary>
public sealed class DifferenceRuleTests : IAsyncLifetime
{
    private static readonly string[] Labels = ["a", "b", "c", "d", "e"];
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 4, 22, 0, 0, TimeSpan.Zero));
    private PeerBotApp _app = null!;

    public async Task InitializeAsync() => _app = await PeerBotApp.StartAsync(new() { ["PeerBot:Admins"] = "UADMIN" }, services => services.AddSingleton<TimeProvider>(_clock));

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task NoTwoReports_EverDifferByFewerThanTheThreshold_WhateverAdminsAndCoachesDo()
    {
        // Each sample is a plan: one number per step, decoded into an action and its arguments.
        var plans = Gen.Int[0, 1_000_000].Array[30, 70];
        await plans.SampleAsync(PlayAsync, iter: 40, threads: 1);
    }

    private async Task PlayAsync(int[] plan)
    {
        var s = _app.Services;
        var db = s.GetRequiredService<NpgsqlDataSource>();
        var job = s.GetRequiredService<PulseJob>();
        var cohorts = s.GetRequiredService<CohortStore>();
        var coaches = s.GetRequiredService<CoachStore>();
        var settings = s.GetRequiredService<PulseSettingsStore>();
        var pulses = s.GetRequiredService<PulseStore>();
        var builder = s.GetRequiredService<CoachReportBuilder>();
        var threshold = builder.Threshold.Value;
        var workspace = (await s.GetRequiredService<WorkspaceDirectory>().GetOrCreateAsync("slack", $"T{Guid.NewGuid():N}", "adversary", default)).Id;
        var model = new Model();

        // 10–16 members in a few cohorts of uneven size.
        var people = 10 + plan[0] % 7;
        for (var i = 0; i < people; i++)
        {
            var label = Labels[(plan[0] / 7 + i * (1 + plan[0] % 3)) % (2 + plan[0] % 3)];
            var id = Guid.NewGuid();
            await using var cmd = db.CreateCommand("insert into members (id, workspace_id, external_user_id, role, cohort, joined_at, updated_at) values ($1, $2, $3, 'peer', $4, $5, $5)");
            cmd.Parameters.Add(new() { Value = id });
            cmd.Parameters.Add(new() { Value = workspace });
            cmd.Parameters.Add(new() { Value = $"U{i:D3}" });
            cmd.Parameters.Add(new() { Value = label });
            cmd.Parameters.Add(new() { Value = _clock.GetUtcNow() });
            await cmd.ExecuteNonQueryAsync();
            model.Join(id, $"U{i:D3}", label);
        }

        var step = 0;
        foreach (var x in plan)
        {
            step++;
            var r = new Random(x);
            switch (x % 12)
            {
                case 0:
                    var who = model.Members[r.Next(model.Members.Count)];
                    var to = Labels[r.Next(Labels.Length)];
                    await cohorts.AssignAsync(workspace, who.External, to, default);
                    model.Assign(who, to);
                    break;
                case 1:
                    var (from, into) = (Labels[r.Next(Labels.Length)], Labels[r.Next(Labels.Length)]);
                    if (from != into && (await cohorts.RenameAsync(workspace, from, into, default)).Outcome == CohortRename.Renamed)
                    {
                        model.Rename(from, into);
                    }

                    break;
                case 2:
                    _ = r.Next(2) == 0 ? await coaches.AddAsync(workspace, "UCOACH", DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime), default) : await coaches.RemoveAsync(workspace, "UCOACH", default);
                    break;
                case 3:
                    IReadOnlyList<PulseQuestion>? questions = r.Next(3) == 0 ? null : [.. Enumerable.Range(0, 3 + r.Next(3)).Select(q => new PulseQuestion($"q{q}", $"Question {q}?", q == 0))];
                    await settings.SetQuestionsAsync(workspace, questions, default);
                    break;
                case 4 or 5:
                    if (await pulses.FindOpenAsync(workspace, _clock.GetUtcNow(), default) is null)
                    {
                        var (pulse, _, _) = await job.OpenAsync(workspace, $"now:{step}", Urgency.Now, default);
                        model.Open(pulse.Id, pulse.Questions.Count);
                    }

                    break;
                case 6 or 7 or 8:
                    if (model.OpenPulse is { } open && model.NotYetAnswered(open) is { Count: > 0 } waiting)
                    {
                        var member = waiting[r.Next(waiting.Count)];
                        var values = Enumerable.Range(0, model.QuestionCount[open]).Select(_ => 1 + r.Next(5)).ToArray();
                        await using var work = await s.GetRequiredService<UnitOfWorkSource>().BeginAsync(default);
                        if (await PulseStore.RecordAsync(work, open, member.Id, member.Label, values, null, _clock.GetUtcNow(), default) == PulseSubmission.Recorded)
                        {
                            await work.CommitAsync(default);
                            model.Answer(open, member);
                        }
                    }

                    break;
                case 9:
                    _clock.Advance(TimeSpan.FromHours(6 + r.Next(24 * 4)));
                    await job.SweepAsync(default);
                    if (model.OpenPulse is { } maybe && await pulses.FindOpenAsync(workspace, _clock.GetUtcNow(), default) is null)
                    {
                        model.OpenPulse = null;
                        model.Closed.Add(maybe);
                    }

                    break;
                default:
                    var scope = new ReportScope(r.Next(3) == 0 ? null : Labels[r.Next(Labels.Length)], 1 + r.Next(12));
                    var report = await builder.BuildAsync(workspace, scope, default);
                    foreach (var week in report.Pulse.Weeks)
                    {
                        foreach (var cell in week.Breakdown.Prepend(week.Scope).Where(c => !c.IsHidden))
                        {
                            var label = cell.Cohort ?? scope.Cohort;
                            var set = model.Respondents(week.PulseId, label);
                            Assert.True(cell.Respondents == set.Count, $"step {step}: the model and the report disagree on {label ?? "all"} ({cell.Respondents} vs {set.Count})");
                            model.Shown(week.PulseId, set, $"step {step}: report {scope.Cohort ?? "all"}/{scope.Weeks}w, {label ?? "all"} = {set.Count}");
                        }
                    }

                    break;
            }
        }

        model.Check(threshold);
    }

    private sealed record Person(Guid Id, string External)
    {
        public string Label { get; set; } = "";

        public int Identity { get; set; }
    }

    /// <summary>
    /// What really happened: each answer counted under the identity of the cohort the member was asked in; each label
    /// stands for the identities renamed into it; every cell a report showed, as the set of people behind it.
    /// </summary>
    private sealed class Model
    {
        private readonly Dictionary<string, HashSet<int>> _labels = new(StringComparer.Ordinal);
        private readonly Dictionary<Guid, Dictionary<Guid, int>> _invited = [];
        private readonly Dictionary<Guid, HashSet<Guid>> _answered = [];
        private readonly Dictionary<Guid, List<(HashSet<Guid> Set, string Where)>> _shown = [];
        private int _identities;

        public List<Person> Members { get; } = [];

        public Dictionary<Guid, int> QuestionCount { get; } = [];

        public Guid? OpenPulse { get; set; }

        public List<Guid> Closed { get; } = [];

        public void Join(Guid id, string external, string label)
        {
            var p = new Person(id, external);
            Members.Add(p);
            Assign(p, label);
        }

        public void Assign(Person p, string label)
        {
            if (!_labels.TryGetValue(label, out var ids))
            {
                _labels[label] = ids = [++_identities];
            }

            p.Label = label;
            p.Identity = ids.Min();
        }

        public void Rename(string from, string to)
        {
            var moved = _labels.Remove(from, out var ids) ? ids : [];
            _labels[to] = [.. moved, .. _labels.GetValueOrDefault(to) ?? []];
            foreach (var p in Members.Where(m => m.Label == from))
            {
                p.Label = to;
            }
        }

        public void Open(Guid pulse, int questions)
        {
            OpenPulse = pulse;
            QuestionCount[pulse] = questions;
            _invited[pulse] = Members.ToDictionary(m => m.Id, m => m.Identity);
            _answered[pulse] = [];
        }

        public List<Person> NotYetAnswered(Guid pulse) => [.. Members.Where(m => _invited[pulse].ContainsKey(m.Id) && !_answered[pulse].Contains(m.Id))];

        public void Answer(Guid pulse, Person p) => _answered[pulse].Add(p.Id);

        public HashSet<Guid> Respondents(Guid pulse, string? label) =>
            [.. _answered[pulse].Where(m => label is null || (_labels.TryGetValue(label, out var ids) && ids.Contains(_invited[pulse][m])))];

        public void Shown(Guid pulse, HashSet<Guid> set, string where)
        {
            if (!_shown.TryGetValue(pulse, out var list))
            {
                _shown[pulse] = list = [];
            }

            if (!list.Any(s => s.Set.SetEquals(set)))
            {
                list.Add((set, where));
            }
        }

        public void Check(int threshold)
        {
            foreach (var (_, shown) in _shown)
            {
                foreach (var (big, bigWhere) in shown)
                {
                    var inside = shown.Where(s => s.Set.IsProperSubsetOf(big)).ToList();
                    foreach (var (small, smallWhere) in inside)
                    {
                        var gap = big.Count - small.Count;
                        Assert.True(gap >= threshold, $"{gap} answer(s) by difference: [{bigWhere}] minus [{smallWhere}]");
                    }

                    // Every disjoint family of shown cells inside a shown cell leaves a remainder of 0 or at least the threshold.
                    var maximal = inside.Where(s => !inside.Any(o => s.Set.IsProperSubsetOf(o.Set))).ToList();
                    if (maximal.Count > 1 && maximal.SelectMany(m => m.Set).Count() == maximal.SelectMany(m => m.Set).Distinct().Count())
                    {
                        var rest = big.Count - maximal.Sum(m => m.Set.Count);
                        Assert.True(rest == 0 || rest >= threshold, $"{rest} answer(s) by difference: [{bigWhere}] minus {string.Join(", ", maximal.Select(m => $"[{m.Where}]"))}");
                    }
                }
            }
        }
    }
}
