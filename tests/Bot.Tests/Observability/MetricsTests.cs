using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using PeerBot.Bot.Observability;
using PeerBot.Bot.Tests.Infrastructure;

namespace PeerBot.Bot.Tests.Observability;

/// <summary>PeerBot's "PeerBot" meter read with a MeterListener, as an OpenTelemetry exporter would read it.</summary>
public sealed class MetricsTests
{
    [Fact]
    public async Task SlashCommands_AreCountedByVerbAndPlatform_AndTheirAcknowledgementTimed()
    {
        await using var app = await PeerBotApp.StartAsync();
        using var recorded = new Recorded(app);

        await app.SendCommandAsync("profile");
        await app.SendCommandAsync("profile");
        await app.SendCommandAsync("frobnicate now");

        Assert.Equal(2, recorded.Sum("peerbot.commands", ("verb", "profile"), ("platform", "slack")));
        Assert.Equal(1, recorded.Sum("peerbot.commands", ("verb", "other"), ("platform", "slack")));
        Assert.Equal(3, recorded.Count("peerbot.acknowledgement.duration", ("platform", "slack")));
        Assert.All(recorded.Values("peerbot.acknowledgement.duration"), v => Assert.InRange(v, 0, 3));
    }

    [Fact]
    public async Task OutboxGauges_ReportPendingSentDead_AndTheAgeOfTheOldestDueRow()
    {
        await using var app = await PeerBotApp.StartAsync();
        var workspace = Guid.NewGuid();
        await app.ScalarAsync<int>("insert into workspaces (id, platform, external_id) values ($1, 'slack', 'TGAUGE')", workspace);
        await app.ScalarAsync<int>("""
            insert into outbox (workspace_id, delivery_key, recipients, channel_key, purpose, message, state, next_attempt_at, sent_at) values
              ($1, 'k-sent', array['U1'], 'U1', 'reply', '{}'::jsonb, 'sent', now(), now()),
              ($1, 'k-dead1', array['U1'], 'U1', 'reply', '{}'::jsonb, 'dead', now(), null),
              ($1, 'k-dead2', array['U1'], 'U1', 'reply', '{}'::jsonb, 'dead', now(), null),
              ($1, 'k-later', array['U1'], 'U1', 'reply', '{}'::jsonb, 'pending', now() + interval '1 day', null)
            """, workspace);
        // A due row that has waited ten minutes (a held workspace, say): claimed far into the future so no dispatcher takes it.
        await app.ScalarAsync<int>("""
            insert into outbox (workspace_id, delivery_key, recipients, channel_key, purpose, message, state, next_attempt_at, claimed_until, claimed_by)
            values ($1, 'k-due', array['U1'], 'U1', 'reply', '{}'::jsonb, 'sending', now() - interval '10 minutes', now() + interval '1 hour', 'elsewhere')
            """, workspace);

        await app.Services.GetRequiredService<OutboxGauges>().RefreshAsync(CancellationToken.None);
        using var recorded = new Recorded(app);
        recorded.Observe();

        Assert.Equal(2, recorded.Last("peerbot.outbox.pending"));
        Assert.Equal(1, recorded.Last("peerbot.outbox.sent"));
        Assert.Equal(2, recorded.Last("peerbot.outbox.dead"));
        Assert.InRange(recorded.Last("peerbot.outbox.oldest_due_age"), 590, 900);
    }

    /// <summary>Every measurement of this app's PeerBot meter (other hosts in the process have meters of their own).</summary>
    private sealed class Recorded : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<(string Name, double Value, Dictionary<string, object?> Tags)> _all = new();

        public Recorded(PeerBotApp app)
        {
            var scope = app.Services.GetRequiredService<IMeterFactory>();
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "PeerBot" && ReferenceEquals(instrument.Meter.Scope, scope))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Add(i, v, tags));
            _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Add(i, v, tags));
            _listener.Start();
        }

        public void Observe() => _listener.RecordObservableInstruments();

        public double Sum(string name, params (string Key, string Value)[] tags) => Matching(name, tags).Sum(m => m.Value);

        public int Count(string name, params (string Key, string Value)[] tags) => Matching(name, tags).Count();

        public IEnumerable<double> Values(string name) => Matching(name, []).Select(m => m.Value);

        public double Last(string name) => Matching(name, []).Last().Value;

        public void Dispose() => _listener.Dispose();

        private IEnumerable<(string Name, double Value, Dictionary<string, object?> Tags)> Matching(string name, (string Key, string Value)[] tags) =>
            _all.Where(m => m.Name == name && tags.All(t => m.Tags.TryGetValue(t.Key, out var v) && Equals(v, t.Value)));

        private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var copy = new Dictionary<string, object?>();
            foreach (var t in tags)
            {
                copy[t.Key] = t.Value;
            }

            _all.Enqueue((instrument.Name, value, copy));
        }
    }
}
