using System.Diagnostics.Metrics;

namespace PeerBot.Scheduler.Observability;

/// <summary>
/// PeerBot's own instruments on the "PeerBot" meter (System.Diagnostics.Metrics: recording needs no OpenTelemetry).
/// One meter per host (from its <see cref="IMeterFactory"/>), so hosts in one process keep their figures apart.
/// </summary>
public sealed class PeerBotMetrics
{
    public const string MeterName = "PeerBot";

    private readonly Counter<long> _commands;
    private readonly Histogram<double> _acknowledgement;
    private readonly Counter<long> _jobRuns;
    private readonly Counter<long> _jobFailures;
    private readonly Counter<long> _rateLimited;

    public PeerBotMetrics(IMeterFactory factory)
    {
        Meter = factory.Create(MeterName);
        _commands = Meter.CreateCounter<long>("peerbot.commands", "{command}", "Commands handled, by verb and platform");
        _acknowledgement = Meter.CreateHistogram<double>("peerbot.acknowledgement.duration", "s", "Time from a platform request to PeerBot's acknowledgement");
        _jobRuns = Meter.CreateCounter<long>("peerbot.jobs.runs", "{run}", "Background job runs, by job");
        _jobFailures = Meter.CreateCounter<long>("peerbot.jobs.failures", "{run}", "Background job runs that threw, by job");
        _rateLimited = Meter.CreateCounter<long>("peerbot.outbox.rate_limited", "{response}", "429 answers to outbox sends, by platform");
    }

    /// <summary>For observable instruments registered elsewhere (outbox gauges, connection state).</summary>
    public Meter Meter { get; }

    public void CommandHandled(string verb, string platform) =>
        _commands.Add(1, new("verb", verb), new("platform", platform));

    public void Acknowledged(string platform, TimeSpan elapsed) =>
        _acknowledgement.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("platform", platform));

    public void JobRan(string job, bool failed)
    {
        _jobRuns.Add(1, new KeyValuePair<string, object?>("job", job));
        if (failed)
        {
            _jobFailures.Add(1, new KeyValuePair<string, object?>("job", job));
        }
    }

    /// <summary>For the outbox dispatcher: a send answered 429.</summary>
    public void RateLimited(string platform) => _rateLimited.Add(1, new KeyValuePair<string, object?>("platform", platform));
}
