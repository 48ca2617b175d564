using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PeerBot.Bot.Tests.Infrastructure;

namespace PeerBot.Bot.Tests.Pulse;

public sealed class CohortChangeTests : IAsyncLifetime
{
    // Friday 6 March 2026, 20:00 UTC.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 6, 20, 0, 0, TimeSpan.Zero));
    private PeerBotApp _app = null!;
    private Guid _workspace;

    public async Task InitializeAsync()
    {
        _app = await PeerBotApp.StartAsync(new() { ["PeerBot:Admins"] = "UADMIN", ["PeerBot:Outbox:WorkspaceMessagesPerSecond"] = "0" }, services => services.AddSingleton<TimeProvider>(_clock));
        await _app.SayTextAsync("admin coach add <@UCOACH|cora>", "UADMIN", Now);
        _workspace = await _app.ScalarAsync<Guid>("select id from workspaces");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private DateTimeOffset Now => _clock.GetUtcNow();

    [Fact]
    public async Task CohortRename_RelabelsSealedCellsOneToOne_AndMergingIntoAnExistingCohortIsRefused()
    {
        // b (2) is hidden, and d (5) with it so that the total minus the shown cells does not give b away.
        await _app.SeedPulseAsync(_workspace, new DateOnly(2026, 3, 6), new Dictionary<string, int> { ["a"] = 6, ["b"] = 2, ["c"] = 7, ["d"] = 5 }, [4, 3, 3]);
        Assert.Contains("Cohorts: a: 6, b: hidden, c: 7, d: hidden", await _app.SayTextAsync("report", "UCOACH", Now), StringComparison.Ordinal);

        // Merging b into a would show a: 8 beside the a: 6 a coach already saw: b's two answers by difference.
        var refused = await _app.SayTextAsync("admin cohort rename b a", "UADMIN", Now);
        Assert.Contains("already a cohort called a", refused, StringComparison.Ordinal);
        Assert.Contains("Cohorts: a: 6, b: hidden, c: 7, d: hidden", await _app.SayTextAsync("report", "UCOACH", Now), StringComparison.Ordinal);
        Assert.Contains("There's no cohort called zz", await _app.SayTextAsync("admin cohort rename zz yy", "UADMIN", Now), StringComparison.Ordinal);

        Assert.Contains("Renamed cohort b to e", await _app.SayTextAsync("admin cohort rename b e", "UADMIN", Now), StringComparison.Ordinal);
        Assert.Contains("Cohorts: a: 6, c: 7, d: hidden, e: hidden", await _app.SayTextAsync("report", "UCOACH", Now), StringComparison.Ordinal);
        Assert.Contains("report", await _app.SayTextAsync("report e", "UCOACH", Now), StringComparison.Ordinal);
        Assert.DoesNotContain("Latest pulse", await _app.SayTextAsync("report e", "UCOACH", Now), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MovingAMember_WhileAPulseIsOpen_CountsTheirAnswersInTheCohortTheyWereAskedIn()
    {
        await _app.SayTextAsync("join role:peer subjects:math grades:6-8 cohort:x", "UANA", Now);
        await _app.SayTextAsync("admin pulse now", "UADMIN", Now);
        Assert.Contains("is now in cohort y", await _app.SayTextAsync("admin cohort set <@UANA> y", "UADMIN", Now), StringComparison.Ordinal);
        await _app.AnswerAsync("UANA", (await _app.InvitationAsync("UANA")).BlocksJson!, [2, 2, 2], Now);

        Assert.Equal("x", await _app.ScalarAsync<string>("select string_agg(distinct cohort, ',') from pulse_tallies where answers > 0"));
        Assert.Equal("y", await _app.ScalarAsync<string>("select cohort from members where external_user_id = 'UANA'"));
    }
}
