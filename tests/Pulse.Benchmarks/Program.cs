using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using PeerBot.Bot.Pulse;
using PeerBot.Bot.Reports;
using PeerBot.Matching.Pulse;
using PeerBot.Scheduler.Delivery;
using PeerBot.Scheduler.Persistence;
using PeerBot.Scheduler.Pulse;
using PeerBot.Scheduler.Schedules;
using PeerBot.Scheduler.Workspaces;

// Pulse report benchmark: 10,000 members, a year of fortnightly pulses (~200k answers), report numbers and chart.
// Usage: dotnet run -c Release --project tests/Pulse.Benchmarks [-- members] (PEERBOT_BENCH_DATABASE to use an existing server).
var members = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
const int Pulses = 26, Cohorts = 12;
PrivateCluster? cluster = null;
var server = Environment.GetEnvironmentVariable("PEERBOT_BENCH_DATABASE");
if (string.IsNullOrEmpty(server))
{
    cluster = await PrivateCluster.StartAsync(Path.Combine(Path.GetTempPath(), $"peerbot-bench-{Environment.ProcessId}"), NullLogger.Instance, forTests: true);
    server = cluster.ConnectionString;
}

var name = "bench_" + Guid.NewGuid().ToString("N")[..12];
await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString))
{
    await admin.OpenAsync();
    await new NpgsqlCommand($"create database {name}", admin).ExecuteNonQueryAsync();
}

await using var db = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString);
_ = typeof(PulseStore); // load the assemblies whose migrations apply
_ = typeof(CoachReportBuilder);
await new Migrator(db, NullLogger<Migrator>.Instance).MigrateAsync();

var clock = new FixedClock(new DateTimeOffset(2026, 12, 18, 20, 0, 0, TimeSpan.Zero));
var workspace = await new WorkspaceDirectory(db, new PeerBot.Scheduler.Schedules.ScheduleSignal()).GetOrCreateAsync("slack", "TBENCH", "bench", CancellationToken.None);
var seed = Stopwatch.StartNew();
var answers = await SeedAsync(db, workspace.Id, members, clock);
Console.WriteLine($"seeded {members:N0} members, {Pulses} pulses, {answers:N0} answers in {seed.Elapsed.TotalSeconds:0.0} s");
await new NpgsqlCommand("vacuum analyze", await db.OpenConnectionAsync()).ExecuteNonQueryAsync();

var builder = new CoachReportBuilder(new PulseReportStore(db), new PeerBot.Scheduler.Ask.AskStore(db), new WorkspaceSettingsStore(db, new WorkspaceChanges(db, new WorkspaceDirectory(db, new PeerBot.Scheduler.Schedules.ScheduleSignal()), Microsoft.Extensions.Logging.Abstractions.NullLogger<WorkspaceChanges>.Instance)), Options.Create(new PulseOptions()), clock);
foreach (var scope in new[] { new ReportScope(null, 52), new ReportScope("cohort-3", 52), new ReportScope(null, 8) })
{
    var numbers = new List<double>();
    var withChart = new List<double>();
    for (var i = 0; i < 12; i++)
    {
        var sw = Stopwatch.StartNew();
        var report = await builder.BuildAsync(workspace.Id, scope, CancellationToken.None);
        var n = sw.Elapsed.TotalMilliseconds;
        var png = ReportChart.Render(report);
        var csv = ReportCsv.Write(report);
        var all = sw.Elapsed.TotalMilliseconds;
        if (i >= 2)
        {
            numbers.Add(n);
            withChart.Add(all);
        }

        if (i == 0)
        {
            Console.WriteLine($"scope {scope.Cohort ?? "all"}/{scope.Weeks}w: {report.Pulse.Weeks.Count} pulses, png {png.Length:N0} B, csv {csv.Length:N0} B");
        }
    }

    Console.WriteLine($"  numbers   median {Median(numbers):0} ms, max {numbers.Max():0} ms");
    Console.WriteLine($"  + chart   median {Median(withChart):0} ms, max {withChart.Max():0} ms");
}

// Where the numbers' time goes: the two reads that carry data.
var store = new PulseReportStore(db);
var reads = new List<double>();
for (var i = 0; i < 10; i++)
{
    var sw = Stopwatch.StartNew();
    var rounds = await store.RoundsAsync(workspace.Id, new DateOnly(2025, 12, 1), CancellationToken.None);
    await store.TalliesAsync([.. rounds.Select(r => r.PulseId)], CancellationToken.None);
    reads.Add(sw.Elapsed.TotalMilliseconds);
}

Console.WriteLine($"rounds + tallies reads alone: median {Median(reads):0} ms");
if (cluster is not null)
{
    await cluster.DisposeAsync();
}

static double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);

static async Task<long> SeedAsync(NpgsqlDataSource db, Guid workspaceId, int members, TimeProvider clock)
{
    var random = new Random(42);
    var ids = Enumerable.Range(0, members).Select(_ => Guid.NewGuid()).ToArray();
    await using var conn = await db.OpenConnectionAsync();
    await using (var writer = await conn.BeginBinaryImportAsync("copy members (id, workspace_id, external_user_id, role, cohort, joined_at, updated_at) from stdin (format binary)"))
    {
        for (var i = 0; i < members; i++)
        {
            await writer.StartRowAsync();
            await writer.WriteAsync(ids[i], NpgsqlDbType.Uuid);
            await writer.WriteAsync(workspaceId, NpgsqlDbType.Uuid);
            await writer.WriteAsync($"U{i:D7}", NpgsqlDbType.Text);
            await writer.WriteAsync("peer", NpgsqlDbType.Text);
            await writer.WriteAsync($"cohort-{i % Cohorts}", NpgsqlDbType.Text);
            await writer.WriteAsync(clock.GetUtcNow(), NpgsqlDbType.TimestampTz);
            await writer.WriteAsync(clock.GetUtcNow(), NpgsqlDbType.TimestampTz);
        }

        await writer.CompleteAsync();
    }

    var questions = PulseSettingsStore.WriteQuestions(PulseQuestions.Defaults);
    long answers = 0;
    var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
    for (var p = 0; p < Pulses; p++)
    {
        var pulseId = Guid.NewGuid();
        var week = today.AddDays(-14 * p);
        await using (var cmd = new NpgsqlCommand("insert into pulses (id, workspace_id, run_key, week, questions, opened_at, closes_at) values ($1, $2, $3, $4, $5::jsonb, $6, $6)", conn))
        {
            cmd.Parameters.Add(new() { Value = pulseId });
            cmd.Parameters.Add(new() { Value = workspaceId });
            cmd.Parameters.Add(new() { Value = $"bench:{p}" });
            cmd.Parameters.Add(new() { Value = week });
            cmd.Parameters.Add(new() { Value = questions });
            cmd.Parameters.Add(new() { Value = new DateTimeOffset(week.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) });
            await cmd.ExecuteNonQueryAsync();
        }

        // About a quarter answer each pulse: 2,560 people × 3 questions × 26 pulses ≈ 200k answers.
        var answered = ids.Select((id, i) => (id, i, yes: random.NextDouble() < 0.256)).ToArray();
        await using (var writer = await conn.BeginBinaryImportAsync("copy pulse_participation (pulse_id, member_id, answered) from stdin (format binary)"))
        {
            foreach (var (id, _, yes) in answered)
            {
                await writer.WriteRowAsync(CancellationToken.None, pulseId, id, yes);
            }

            await writer.CompleteAsync();
        }

        // Answers are only ever counted into tallies (as PulseStore.RecordAsync does, one member at a time).
        var counts = new Dictionary<(string Cohort, short Question, short Value), int>();
        foreach (var (_, i, _) in answered.Where(a => a.yes))
        {
            for (short q = 0; q < 3; q++)
            {
                var key = (i % 97 == 0 ? "tiny" : $"cohort-{i % Cohorts}", q, (short)random.Next(1, 6));
                counts[key] = counts.GetValueOrDefault(key) + 1;
                answers++;
            }
        }

        await using (var writer = await conn.BeginBinaryImportAsync("copy pulse_tallies (pulse_id, cohort, question, value, answers) from stdin (format binary)"))
        {
            foreach (var ((cohort, q, v), n) in counts)
            {
                await writer.WriteRowAsync(CancellationToken.None, pulseId, cohort, q, v, n);
            }

            await writer.CompleteAsync();
        }

        await using var comments = new NpgsqlCommand("insert into pulse_comments (id, pulse_id, body) select gen_random_uuid(), $1, 'comment ' || g from generate_series(1, 40) g", conn);
        comments.Parameters.Add(new() { Value = pulseId });
        await comments.ExecuteNonQueryAsync();
        // Closed the way the pulse's close job closes it: through a unit of work (closing schedules no jobs).
        var settings = new WorkspaceSettingsStore(db, new WorkspaceChanges(db, new WorkspaceDirectory(db, new PeerBot.Scheduler.Schedules.ScheduleSignal()), NullLogger<WorkspaceChanges>.Instance));
        var units = new UnitOfWorkSource(db, new Outbox(db, settings, new OutboxSignal(), clock),
            new JobIntentRelay(db, new NoJobs(), Options.Create(new JobRelayOptions()), clock, NullLogger<JobIntentRelay>.Instance));
        await using var work = await units.BeginAsync(CancellationToken.None);
        await PulseStore.CloseAsync(work, pulseId, CancellationToken.None);
        await work.CommitAsync(CancellationToken.None);
    }

    return answers;
}

/// <summary>Closing a pulse hands Hangfire nothing; a job asked for here would be a change in what closing does.</summary>
internal sealed class NoJobs : Hangfire.IBackgroundJobClient
{
    public string Create(Hangfire.Common.Job job, Hangfire.States.IState state) => throw new InvalidOperationException($"Closing a pulse scheduled {job}");

    public bool ChangeState(string jobId, Hangfire.States.IState state, string expectedState) => throw new InvalidOperationException("Closing a pulse changed a job's state");
}

/// <summary>A clock that stands still, so every run reports the same year.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
