using System.Collections.Concurrent;
using PeerBot.Bot.Slack;

namespace PeerBot.Bot.Simulator;

/// <summary>
/// What the simulated Slack does besides answering: the scopes the install granted (the manifest's, so a call
/// beyond them gets <c>missing_scope</c> as on Slack), and faults an operator or a test switches on at
/// <c>POST /simulator/slack/faults</c> — a share of 429s with Retry-After, a call that takes effect and then
/// never answers, a call that fails before it takes effect.
/// </summary>
public sealed class SimulatedSlackFaults
{
    private readonly ConcurrentDictionary<string, int> _timeouts = new(StringComparer.Ordinal), _failures = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, bool> GrantedScopes { get; } = new(SlackScopes.Requested.Select(s => KeyValuePair.Create(s, true)));

    /// <summary>Share (0–1) of calls to a method answered 429 before anything happens.</summary>
    public ConcurrentDictionary<string, double> RateLimitShare { get; } = new(StringComparer.Ordinal);

    public int RetryAfterSeconds { get; set; } = 1;

    public void Apply(SlackFaultRequest request)
    {
        if (request.RateLimitShare is { } share)
        {
            RateLimitShare[request.Method] = Math.Clamp(share, 0, 1);
        }

        if (request.RetryAfterSeconds is { } seconds)
        {
            RetryAfterSeconds = Math.Clamp(seconds, 1, 3600);
        }

        if (request.TimeOutAfterEffect is > 0)
        {
            _timeouts.AddOrUpdate(request.Method, request.TimeOutAfterEffect.Value, (_, n) => n + request.TimeOutAfterEffect.Value);
        }

        if (request.FailBeforeEffect is > 0)
        {
            _failures.AddOrUpdate(request.Method, request.FailBeforeEffect.Value, (_, n) => n + request.FailBeforeEffect.Value);
        }
    }

    /// <summary>The scope this call lacks, or null when the install has what Slack would check.</summary>
    public string? Missing(string method, string? conversationKind) =>
        SlackScopes.Methods.Contains(method) && SlackScopes.Needed(method, conversationKind) is { } needed && !GrantedScopes.ContainsKey(needed) ? needed : null;

    public bool RateLimitNow(string method) => RateLimitShare.TryGetValue(method, out var share) && Random.Shared.NextDouble() < share;

    public bool TimeOutNow(string method) => TakeOne(_timeouts, method);

    public bool FailNow(string method) => TakeOne(_failures, method);

    private static bool TakeOne(ConcurrentDictionary<string, int> counters, string method)
    {
        while (counters.TryGetValue(method, out var n) && n > 0)
        {
            if (counters.TryUpdate(method, n - 1, n))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>A fault to switch on for one Web API method of the simulated Slack.</summary>
public sealed record SlackFaultRequest(string Method, double? RateLimitShare, int? RetryAfterSeconds, int? TimeOutAfterEffect, int? FailBeforeEffect);
