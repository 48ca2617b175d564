using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using PeerBot.Scheduler.Bench;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Delivery;
using PeerBot.Scheduler.Persistence;
using PeerBot.Scheduler.Schedules;
using PeerBot.Scheduler.Workspaces;

// Fan-out of one round through the durable outbox (real PostgreSQL, the real dispatcher) to a fake platform.
//   dotnet run -c Release --project tests/Scheduler.Bench -- [members=10000] [limitedMessages=2000] [allowedPerSecond=100]
var members = Arg(0, 10_000);
var limitedMessages = Arg(1, 2_000);
var allowed = Arg(2, 100);

var directory = Path.Combine(Path.GetTempPath(), $"peerbot-bench-{Environment.ProcessId}");
await using var cluster = await PrivateCluster.StartAsync(directory, NullLogger.Instance, forTests: true);
try
{
    Console.WriteLine($"Unlimited: {await RunAsync(cluster.ConnectionString, members, new OutboxOptions { WorkspaceMessagesPerSecond = 0, Concurrency = 32, BatchSize = 500 }, TimeSpan.Zero)}");
    Console.WriteLine($"Limited to {allowed}/s: {await RunAsync(cluster.ConnectionString, limitedMessages, new OutboxOptions { WorkspaceMessagesPerSecond = allowed, Concurrency = 32, BatchSize = 500 }, TimeSpan.FromMilliseconds(20))}");
}
finally
{
    await cluster.DisposeAsync();
    Directory.Delete(directory, recursive: true);
}

return 0;

static async Task<string> RunAsync(string server, int count, OutboxOptions options, TimeSpan latency)
{
    var name = "bench_" + Guid.NewGuid().ToString("N")[..12];
    await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString))
    {
        await admin.OpenAsync();
        await using var create = new NpgsqlCommand($"create database {name}", admin);
        await create.ExecuteNonQueryAsync();
    }

    await using var db = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(server) { Database = name, MaxPoolSize = 64 }.ConnectionString);
    await new Migrator(db, NullLogger<Migrator>.Instance).MigrateAsync();
    var workspaces = new WorkspaceDirectory(db, new PeerBot.Scheduler.Schedules.ScheduleSignal());
    var workspace = await workspaces.GetOrCreateAsync("bench", "T-BENCH", "bench", CancellationToken.None);
    var gateway = new CountingGateway(latency);
    var clock = TimeProvider.System;
    var signal = new OutboxSignal();
    var wrapped = Options.Create(options);
    var outbox = new Outbox(db, new WorkspaceSettingsStore(db, new WorkspaceChanges(db, workspaces, NullLogger<WorkspaceChanges>.Instance)), signal, clock);
    var dispatcher = new OutboxDispatcher(db, new ChatGateways([gateway]), workspaces, new DeliveryPacer(wrapped, clock), signal, wrapped, clock, NullLogger<OutboxDispatcher>.Instance);

    var entries = Enumerable.Range(0, count)
        .Select(i => new OutboxEntry($"bench-round:U{i:D6}:intro", [$"U{i:D6}"], "introduction", ChatMessage.Plain("Meet your pack!"), Urgency.Now))
        .ToList();
    var enqueue = Stopwatch.StartNew();
    foreach (var chunk in entries.Chunk(2_000))
    {
        await outbox.EnqueueAsync(workspace.Id, chunk, CancellationToken.None);
    }

    // The same job run enqueued again (a retry): nothing new.
    var again = await outbox.EnqueueAsync(workspace.Id, entries, CancellationToken.None);
    enqueue.Stop();

    var drain = Stopwatch.StartNew();
    await dispatcher.StartAsync(CancellationToken.None);
    await using var probe = db.CreateCommand("select count(*) from outbox where state <> 'sent'");
    while ((long)(await probe.ExecuteScalarAsync())! > 0)
    {
        await Task.Delay(20);
    }

    drain.Stop();
    await dispatcher.StopAsync(CancellationToken.None);
    var times = gateway.Timestamps;
    var span = (times[^1] - times[0]) / (double)Stopwatch.Frequency;
    var achieved = span > 0 ? (times.Count - 1) / span : double.PositiveInfinity;
    return string.Create(CultureInfo.InvariantCulture,
        $"{count} messages, enqueue {enqueue.Elapsed.TotalSeconds:0.00} s (re-enqueue added {again}), drained in {drain.Elapsed.TotalSeconds:0.00} s = {count / drain.Elapsed.TotalSeconds:0} msg/s end to end; send rate first→last {achieved:0.0} msg/s; delivered {gateway.Delivered}, duplicates {gateway.Duplicates}, platform latency {latency.TotalMilliseconds} ms");
}

int Arg(int index, int fallback) => args.Length > index && int.TryParse(args[index], out var v) ? v : fallback;
