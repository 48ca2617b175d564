using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace PeerBot.Bot.Tests.Faults;

/// <summary>
/// The fault suite: real bot processes on real PostgreSQL with the strict fake Slack. Reduced counts here (40 peers, one
/// kill, two instances); the full ones (300 peers, five seeds of three kills, three instances) with
/// <c>PEERBOT_FAULT_SCALE=full</c> (see README and BENCHMARKS.md).
/// </summary>
[Trait("Category", "Faults")]
[Collection(FaultsCollection.Name)]
public sealed class FaultSuiteTests(ITestOutputHelper output)
{
    private static readonly int Peers = FaultRig.Full ? 300 : 40;
    private static readonly int Timeout = (int)FaultRig.Patience.TotalMilliseconds;

    public static TheoryData<int> Seeds => FaultRig.Full ? [1, 2, 3, 4, 5] : [7];

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task KillNineAtRandomMomentsOfARound_EachPodIsIntroducedOnce_AndNothingIsDead(int seed)
    {
        var random = new Random(seed);
        await using var rig = await FaultRig.StartAsync(output, messagesPerSecond: FaultRig.Full ? 10 : 5);
        // Slack holds each message a moment before answering: a kill in that gap leaves the outcome unknown to the bot.
        // Paced at 5–10/s, some message is always in that gap while the round goes out.
        rig.Slack.PostDelay = TimeSpan.FromMilliseconds(300);
        var bot = await rig.StartBotAsync();
        await rig.JoinAsync(bot, Peers);
        var pods = await rig.RoundNowAsync(bot, Peers);

        var kills = FaultRig.Full ? 3 : 1;
        var recoveries = new List<TimeSpan>();
        for (var k = 0; k < kills; k++)
        {
            // A random moment of what is left of the fan-out: after some more introductions went out.
            var sent = rig.Introductions().Count;
            var left = (int)pods - sent;
            if (left < 2)
            {
                break;
            }

            var target = sent + random.Next(1, Math.Max(2, left / (kills - k)));
            await rig.Slack.WaitUntilAsync(() => rig.Introductions().Count >= target ? "" : null, $"{target} introductions", Timeout);
            bot.Kill();
            var killed = Stopwatch.StartNew();
            var before = rig.Slack.Posted.Count;
            bot = await rig.StartBotAsync();
            // Recovery: from the kill to the restarted instance sending again.
            await rig.Slack.WaitUntilAsync(() => rig.Slack.Posted.Count > before || rig.Introductions().Count == pods ? "" : null, "a send after the restart", Timeout);
            recoveries.Add(killed.Elapsed);
        }

        Assert.True(await rig.DrainedAsync(FaultRig.Patience), $"the last instance should finish the round:{Environment.NewLine}{bot.Output}");
        await rig.AssertEachPodIntroducedOnceAsync(pods, $"seed {seed}");
        // A kill caught messages Slack had taken but not yet answered: the restarted instance looked before sending again.
        Assert.NotEmpty(rig.Slack.CallsTo("conversations.history"));
        rig.Report(string.Create(CultureInfo.InvariantCulture,
            $"seed {seed}: {Peers} peers, {pods} pods, {recoveries.Count} kills; kill → sending again: {string.Join(", ", recoveries.Select(r => $"{r.TotalSeconds:0.0} s"))}; history look-ups {rig.Slack.CallsTo("conversations.history").Count}"));
        Assert.All(recoveries, r => Assert.True(r < TimeSpan.FromSeconds(60), $"recovery took {r}"));
    }

    [Fact]
    public async Task HalfOfSlacksAnswersAre429_EachPodIsIntroducedOnce_AndNothingIsLost()
    {
        // Two tries before a dead letter: were a 429 counted as a try, a pod would be lost to two 429s in a row.
        await using var rig = await FaultRig.StartAsync(output, messagesPerSecond: 20, more: new Dictionary<string, string> { ["PeerBot:Outbox:MaxAttempts"] = "2" });
        var bot = await rig.StartBotAsync();
        await rig.JoinAsync(bot, Peers);
        rig.Slack.RateLimitShare["chat.postMessage"] = 0.5;
        rig.Slack.RateLimitRetryAfter = 1;
        var pods = await rig.RoundNowAsync(bot, Peers);

        Assert.True(await rig.DrainedAsync(FaultRig.Full ? TimeSpan.FromMinutes(10) : FaultRig.Patience), $"the round should go out despite the 429s:{Environment.NewLine}{bot.Output}");
        await rig.AssertEachPodIntroducedOnceAsync(pods, "50% 429s");
        Assert.True(rig.Slack.RateLimited > 0, "Slack should have answered some sends with 429");
        rig.Report($"{pods} pods through {rig.Slack.RateLimited} answers of 429: all introduced once, none dead");
    }

    [Fact]
    public async Task ThreeAdminsTypeRoundNowAtOnce_OnSeveralInstances_OneRoundRuns_AndEachPodIsIntroducedOnce()
    {
        await using var rig = await FaultRig.StartAsync(output, messagesPerSecond: 20);
        // Three instances at full scale; two in the suite (the third admin types on the first instance again).
        var bots = await Task.WhenAll(Enumerable.Range(0, FaultRig.Full ? 3 : 2).Select(_ => rig.StartBotAsync()));
        await rig.JoinAsync(bots[0], Peers);

        var replies = await Task.WhenAll(Enumerable.Range(0, 3).Select(async i =>
        {
            using var http = bots[i % bots.Length].Http();
            return await rig.SayAsync(http, "admin round now", FaultRig.Admin);
        }));

        var pods = await rig.PodsAsync(Peers);
        Assert.True(await rig.DrainedAsync(FaultRig.Patience), "the round should go out");
        Assert.Equal(1L, await rig.ScalarAsync("select count(*) from pairing_rounds where pods > 0"));
        await rig.AssertEachPodIntroducedOnceAsync(pods, "three round now");
        rig.Report(string.Join(Environment.NewLine, replies));
    }

    public static TheoryData<int> Instances => FaultRig.Full ? [1, 2, 3] : [2];

    [Theory]
    [MemberData(nameof(Instances))]
    public async Task SeveralInstances_SendOneWorkspacesRound_AtTheAllowedRate_WithoutDuplicates(int instances)
    {
        // 5/s in the suite: its 20 introductions then span ~4 s, so a loaded box's scheduling jitter barely moves the slope.
        var allowed = FaultRig.Full ? 10 : 5;
        // Small claims, so that every instance takes a share of the round (one 200-row claim would leave the others idle).
        const int claim = 4;
        await using var rig = await FaultRig.StartAsync(output, messagesPerSecond: allowed, concurrency: claim,
            more: new Dictionary<string, string> { ["PeerBot:Outbox:BatchSize"] = claim.ToString(CultureInfo.InvariantCulture) });
        var bots = await Task.WhenAll(Enumerable.Range(0, instances).Select(_ => rig.StartBotAsync()));
        await rig.JoinAsync(bots[0], Peers);
        var pods = await rig.RoundNowAsync(bots[^1], Peers);

        Assert.True(await rig.DrainedAsync(FaultRig.Patience), "the round should go out");
        await rig.AssertEachPodIntroducedOnceAsync(pods, $"{instances} instances");
        // Every instance sent part of the round (the last claim's holder is kept on a sent row).
        Assert.Equal(instances, await rig.ScalarAsync("select count(distinct claimed_by) from outbox"));
        var times = rig.Introductions().Select(g => g.Single().At).Order().ToList();
        var firstToLast = (times.Count - 1) / (times[^1] - times[0]).TotalSeconds;
        // The rate as the slope of sends over time (least squares), after each instance's first claim: a process's first
        // sends are cold (JIT, first connections), so its whole first claim reaches Slack at once, slots already passed.
        var achieved = Slope(times.Skip(instances * claim).ToList());
        rig.Report("gaps ms: " + string.Join(" ", times.Zip(times.Skip(1), (a, b) => ((int)(b - a).TotalMilliseconds).ToString(CultureInfo.InvariantCulture))));
        rig.Report(string.Create(CultureInfo.InvariantCulture,
            $"{instances} instance(s): {times.Count} introductions, achieved {achieved:0.00}/s of {allowed}/s allowed ({100 * achieved / allowed:0.0}%; first→last {firstToLast:0.00}/s), duplicates 0"));
        // Never faster than Slack allows (what a workspace is punished for), whatever the number of instances.
        Assert.True(achieved <= allowed * 1.10, $"achieved {achieved:0.00}/s with {allowed}/s allowed");
    }

    /// <summary>Sends per second: the least-squares slope of the send count over time.</summary>
    private static double Slope(IReadOnlyList<DateTimeOffset> times)
    {
        var xs = times.Select(t => (t - times[0]).TotalSeconds).ToList();
        var meanX = xs.Average();
        var meanY = (times.Count - 1) / 2.0;
        var num = xs.Select((x, i) => (x - meanX) * (i - meanY)).Sum();
        var den = xs.Sum(x => (x - meanX) * (x - meanX));
        return num / den;
    }

    [Fact]
    public async Task AnEventHandlerThatFailsOnce_RunsAgain_AndItsEffectHappensOnce()
    {
        await using var rig = await FaultRig.StartAsync(output, messagesPerSecond: 20);
        var bot = await rig.StartBotAsync();
        using var http = bot.Http();
        // Opening the App Home publishes a view; Slack refuses the first publish (ok:false, nothing published). Not a
        // 5xx: the HTTP layer repeats a failed views.publish by itself, so the handler would never see that failure.
        rig.Slack.Script("views.publish", 200, """{"ok":false,"error":"fatal_error"}""");
        var opened = new JsonObject
        {
            ["token"] = "x", ["team_id"] = "T100", ["api_app_id"] = "A1", ["type"] = "event_callback", ["event_id"] = "EvHomeFault", ["event_time"] = 1740431544,
            ["event"] = new JsonObject { ["type"] = "app_home_opened", ["user"] = "U0001", ["channel"] = "D0001", ["tab"] = "home", ["event_ts"] = "1740431544.000001" },
            ["authorizations"] = new JsonArray(new JsonObject { ["team_id"] = "T100", ["user_id"] = "UBOT", ["is_bot"] = true }),
        }.ToJsonString();

        using (var first = await rig.SendEventAsync(http, opened))
        {
            // Failed within the acknowledgement budget: answered 500 so Slack retries (200 when the box was too slow to fail within it).
            Assert.True(first.StatusCode is HttpStatusCode.InternalServerError or HttpStatusCode.OK, $"{first.StatusCode}");
            await rig.Slack.WaitForAsync("views.publish", 1, Timeout);
        }

        using (var retry = await rig.SendEventAsync(http, opened, retryNum: 1))
        {
            Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        }

        var handled = Stopwatch.StartNew();
        while (await rig.ScalarAsync("select count(*) from slack_events where event_id = 'EvHomeFault' and handled_at is not null") == 0 && handled.Elapsed < FaultRig.Patience)
        {
            await Task.Delay(200);
        }

        Assert.Equal(1L, await rig.ScalarAsync("select count(*) from slack_events where event_id = 'EvHomeFault' and handled_at is not null"));
        // Slack's later retry, once handled, is a duplicate.
        using (var late = await rig.SendEventAsync(http, opened, retryNum: 2))
        {
            Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        }

        // One failed publish and one that took effect: the home was published once.
        Assert.Equal(2, rig.Slack.CallsTo("views.publish").Count);
    }
}
