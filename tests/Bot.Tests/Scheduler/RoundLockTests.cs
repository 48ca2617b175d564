using System.Text.Json.Nodes;
using PeerBot.Bot.Tests.Infrastructure;

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
        var replies = await Task.WhenAll(Enumerable.Range(1, 3).Select(i => Task.Run(() => RoundNowAsync($"race{i}"))));
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

    private async Task<string> RoundNowAsync(string id)
    {
        using var request = SlackSigner.Signed("/slack/commands", SlackSigner.Command("admin round now", Admin, "T100", _app.Slack.ResponseUrl(id)));
        var response = await _app.Http().SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {body}");
        if (body.Length > 0)
        {
            return JsonNode.Parse(body)!["text"]!.GetValue<string>();
        }

        var path = _app.Slack.ResponseUrl(id).AbsolutePath;
        for (var i = 0; i < 600; i++)
        {
            if (_app.Slack.CallsTo("response_url").FirstOrDefault(c => c.Path == path) is { } posted)
            {
                return posted.Json!["text"]!.GetValue<string>();
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No reply to round now {id}:{Environment.NewLine}{_app.Logs}");
    }
}
