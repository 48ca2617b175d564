using System.Diagnostics;
using OpenTelemetry;

namespace PeerBot.Bot.Observability;

/// <summary>
/// Leaves out of the exported traces the SQL that runs on no one's behalf: a Npgsql span without a parent is background
/// polling (Hangfire's fetch and heartbeat, the outbox poll, the gauges), a one-span trace every few hundred milliseconds per
/// instance that tells an operator nothing and, in the exporter's bounded queue, crowds out the traces of teachers'
/// requests (a full queue drops whatever ends next). SQL run for a request, a command or a job keeps its parent and is kept.
/// </summary>
public sealed class BackgroundSqlFilter : BaseProcessor<Activity>
{
    /// <summary>Npgsql's activity source (the one <c>AddNpgsql()</c> listens to).</summary>
    public const string NpgsqlSource = "Npgsql";

    public override void OnStart(Activity data)
    {
        if (data.Source.Name == NpgsqlSource && data.Parent is null && data.ParentSpanId == default)
        {
            // Not recorded: the batch processor skips it at its end, and its tags are not collected meanwhile.
            data.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
            data.IsAllDataRequested = false;
        }
    }
}
