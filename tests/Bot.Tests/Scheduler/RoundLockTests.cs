using PeerBot.Bot.Tests.Infrastructure;
using PeerBot.Bot.Tests.Infrastructure.Driver;

namespace PeerBot.Bot.Tests.Scheduler;

public sealed class RoundLockTests : IAsyncLifetime
{
    private const string Admin = "UADMIN";
    private PeerBotApp _app = null!;

    public async Task InitializeAsync() => _app = await PeerBotApp.StartAsync(new()
    {
        ["PeerBot:Admins"] = Admin,
        ["PeerBot:Outbox:PollInterval"] = "00:00:00.100",
    });

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task ThreeAdminsTypingRoundNowAtOnce_RunOneRound_AndEveryPodIsIntroducedOnce()
    {
        const int peers = 20;
        for (var i = 1; i <= peers; i++)
        {
            Assert.DoesNotContain("isn't", await _app.ReplyAsync($"join role:peer subjects:math grades:6-8 years:{i % 9 + 1} focus:assessment tz:America/Chicago", $"U{i:D2}"), StringComparison.Ordinal);
        }

        await _app.ReplyAsync("admin pods 2", Admin);
        var replies = await Task.WhenAll(Enumerable.Range(1, 3).Select(i => Task.Run(RoundNowAsync)));
        await _app.DrainedAsync();

        // One round paired everyone; any other click either found it running or (arriving after it) had nobody left to pair.
        Assert.Single(replies, r => r.Contains($"{peers / 2} pods introduced", StringComparison.Ordinal));
        Assert.All(replies.Where(r => !r.Contains($"{peers / 2} pods introduced", StringComparison.Ordinal)),
            r => Assert.True(r.Contains("already running", StringComparison.Ordinal) || r.Contains(" 0 pods", StringComparison.Ordinal), r));
        Assert.Equal(1L, await _app.ScalarAsync<long>("select count(*) from pairing_rounds where pods > 0"));
        Assert.Equal((long)peers / 2, await _app.ScalarAsync<long>("select count(*) from pairings"));
        Assert.Equal((long)peers, await _app.ScalarAsync<long>("select count(distinct member_id) from pairing_members"));
        var intros = _app.Slack.Posted.Where(p => p.Channel.StartsWith('G')).GroupBy(p => p.Channel).ToList();
        Assert.Equal(peers / 2, intros.Count);
        Assert.All(intros, pod => Assert.Single(pod));
    }

    /// <summary>Each admin's own request (its own response_url), answered inline or late: the driver finds this one's answer.</summary>
    private async Task<string> RoundNowAsync() => (await _app.SlackTeacher(Admin).TypeAsync("admin round now")).Raw["text"]!.GetValue<string>();
}
