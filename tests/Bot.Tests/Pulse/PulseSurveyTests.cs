using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PeerBot.Bot.Tests.Infrastructure;
using PeerBot.Scheduler.Pulse;

namespace PeerBot.Bot.Tests.Pulse;

public sealed class PulseSurveyTests : IAsyncLifetime
{
    // Wednesday 4 March 2026, 16:00 in Chicago: a school day inside the after-class window.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 4, 22, 0, 0, TimeSpan.Zero));
    private PeerBotApp _app = null!;

    // The fake clock stands still, so the outbox must not pace by it.
    public async Task InitializeAsync() => _app = await PeerBotApp.StartAsync(new() { ["PeerBot:Admins"] = "UADMIN", ["PeerBot:Outbox:WorkspaceMessagesPerSecond"] = "0" },
        services => services.AddSingleton<TimeProvider>(_clock));

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private DateTimeOffset Now => _clock.GetUtcNow();

    private async Task JoinAsync(string user, string cohort) =>
        Assert.Contains("Welcome to PeerBot", await _app.SayTextAsync($"join role:peer subjects:math grades:6-8 cohort:{cohort}", user, Now), StringComparison.Ordinal);

    private Task<PostedMessage> InvitationAsync(string user) => _app.InvitationAsync(user);

    [Fact]
    public async Task Pulse_AdminOpensNow_InvitesUnpausedMembersOnce_AndAnswersKeepNoLinkToThePerson()
    {
        await JoinAsync("UANA", "new-2026");
        await JoinAsync("UBEN", "new-2026");
        await JoinAsync("UCAL", "district-b");
        await _app.SayTextAsync("pause 2", "UCAL", Now);

        Assert.Contains("2 members asked", await _app.SayTextAsync("admin pulse now", "UADMIN", Now), StringComparison.Ordinal);
        var invitation = await InvitationAsync("UANA");
        await InvitationAsync("UBEN");
        Assert.Contains("Anonymous by design", invitation.BlocksJson, StringComparison.Ordinal);
        Assert.Empty(_app.Slack.MessagesIn("DUCAL"));

        var thanks = (await _app.AnswerAsync("UANA", invitation.BlocksJson!, [4, 2, 3], Now))!["text"]!.GetValue<string>();
        Assert.Contains("What coaches will see", thanks, StringComparison.Ordinal);
        Assert.Contains("What they will not see", thanks, StringComparison.Ordinal);

        // No answer is a row of its own: only counts per cohort, question and value, with nothing that names a person.
        var columns = await _app.ScalarAsync<string>("select string_agg(column_name, ',' order by column_name) from information_schema.columns where table_name = 'pulse_tallies'");
        Assert.Equal("answers,cohort,pulse_id,question,value", columns);
        Assert.Equal(0L, await _app.ScalarAsync<long>("select count(*) from information_schema.tables where table_name = 'pulse_answers'"));
        Assert.Equal("0=4,1=2,2=3", await _app.ScalarAsync<string>("select string_agg(question || '=' || value, ',' order by question) from pulse_tallies where answers > 0"));
        Assert.Equal(1L, await _app.ScalarAsync<long>("select count(*) from pulse_participation where answered"));

        // Answering twice is refused and adds nothing.
        var again = (await _app.AnswerAsync("UANA", invitation.BlocksJson!, [1, 1, 1], Now))!["text"]!.GetValue<string>();
        Assert.Contains("already answered", again, StringComparison.Ordinal);
        Assert.Equal(3L, await _app.ScalarAsync<long>("select sum(answers) from pulse_tallies"));

        // Asking again within the same run opens nothing new.
        Assert.Contains("already open", await _app.SayTextAsync("admin pulse now", "UADMIN", Now), StringComparison.Ordinal);

        // Leaving erases participation; the answers stay, unlinkable.
        Assert.Contains("erased", await _app.SayTextAsync("leave", "UANA", Now), StringComparison.Ordinal);
        Assert.Equal(0L, await _app.ScalarAsync<long>("select count(*) from pulse_participation where answered"));
        Assert.Equal(3L, await _app.ScalarAsync<long>("select sum(answers) from pulse_tallies"));
    }

    [Fact]
    public async Task PulseReminder_GoesOnlyToThoseWhoHaveNotAnswered()
    {
        await JoinAsync("UANA", "new-2026");
        await JoinAsync("UBEN", "new-2026");
        await _app.SayTextAsync("admin pulse now", "UADMIN", Now);
        await _app.AnswerAsync("UANA", (await InvitationAsync("UANA")).BlocksJson!, [3, 3, 3], Now);

        var pulseId = await _app.ScalarAsync<Guid>("select id from pulses");
        var job = _app.Services.GetRequiredService<PulseJob>();
        await job.RemindAsync(pulseId, CancellationToken.None);
        await job.RemindAsync(pulseId, CancellationToken.None);

        var reminded = await _app.ScalarAsync<string>("select string_agg(array_to_string(recipients, ','), ',') from outbox where purpose = 'pulse reminder'");
        Assert.Equal("UBEN", reminded);
    }

    [Fact]
    public async Task Pulse_VeryHighStress_ShowsTheResourcesOnlyToThatMember()
    {
        await JoinAsync("UANA", "new-2026");
        await JoinAsync("UBEN", "new-2026");
        Assert.Contains("Saved", await _app.SayTextAsync("admin resources EAP line 0800 123 456 (24/7)", "UADMIN", Now), StringComparison.Ordinal);
        await _app.SayTextAsync("admin pulse now", "UADMIN", Now);

        var calm = (await _app.AnswerAsync("UBEN", (await InvitationAsync("UBEN")).BlocksJson!, [2, 4, 4], Now))!["text"]!.GetValue<string>();
        Assert.DoesNotContain("0800 123 456", calm, StringComparison.Ordinal);
        var hard = (await _app.AnswerAsync("UANA", (await InvitationAsync("UANA")).BlocksJson!, [5, 1, 1], Now))!["text"]!.GetValue<string>();
        Assert.Contains("0800 123 456", hard, StringComparison.Ordinal);
        Assert.Contains("nobody else has been told", hard, StringComparison.Ordinal);

        // Nothing about it went anywhere else: no message in any conversation, nothing queued.
        Assert.DoesNotContain(_app.Slack.Posted, m => m.Text.Contains("0800", StringComparison.Ordinal));
        Assert.Equal(0L, await _app.ScalarAsync<long>("select count(*) from outbox where message::text like '%0800%'"));
    }

    [Fact]
    public async Task PulseComment_OpensAModal_AndIsStoredWithoutCohortOrPerson()
    {
        await JoinAsync("UANA", "new-2026");
        await _app.SayTextAsync("admin pulse now", "UADMIN", Now);
        var blocks = (await InvitationAsync("UANA")).BlocksJson!;
        foreach (var v in new[] { 3, 3 })
        {
            blocks = (await _app.PressAsync("UANA", PulseMessages.AnswerAction, PulseHarness.Buttons(blocks, PulseMessages.AnswerAction)[v - 1], Now))!["blocks"]!.ToJsonString();
        }

        blocks = (await _app.PressAsync("UANA", PulseMessages.AnswerAction, PulseHarness.Buttons(blocks, PulseMessages.AnswerAction)[2], Now))!["blocks"]!.ToJsonString();
        var state = PulseHarness.Buttons(blocks, PulseMessages.CommentAction)[0];
        var thanks = await _app.SubmitCommentAsync("UANA", state, "More planning time, please.", Now);
        Assert.Contains("your answers are in", thanks.Text, StringComparison.Ordinal);
        Assert.Equal("More planning time, please.", await _app.ScalarAsync<string>("select body from pulse_comments"));
        Assert.Equal("body,id,pulse_id", await _app.ScalarAsync<string>("select string_agg(column_name, ',' order by column_name) from information_schema.columns where table_name = 'pulse_comments'"));
        Assert.Equal(3L, await _app.ScalarAsync<long>("select sum(answers) from pulse_tallies"));
    }

    [Fact]
    public async Task PulseVerb_WithNothingOpen_SaysSo_AndAdminCanChangeTheQuestions()
    {
        await JoinAsync("UANA", "new-2026");
        Assert.Contains("no pulse open", await _app.SayTextAsync("pulse", "UANA", Now), StringComparison.Ordinal);
        Assert.Contains("3 to 5", await _app.SayTextAsync("admin pulse questions Only one?", "UADMIN", Now), StringComparison.Ordinal);
        Assert.Contains("Saved 3 questions", await _app.SayTextAsync("admin pulse questions How stressed are you? | Did you laugh at work? | Time to plan?", "UADMIN", Now), StringComparison.Ordinal);
        await _app.SayTextAsync("admin pulse now", "UADMIN", Now);
        var reply = await _app.SayAsync("pulse", "UANA", Now);
        Assert.Contains("How stressed are you?", reply["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PulseSchedule_IsARecurringJobInTheWorkspaceZone_AndARunOffItsWeekOpensNothing()
    {
        await JoinAsync("UANA", "new-2026");
        var reply = await _app.SayTextAsync("admin pulse schedule every other friday 14:00", "UADMIN", Now);
        Assert.Contains("Pulses: every other Friday at 14:00", reply, StringComparison.Ordinal);
        await _app.SayTextAsync("admin timezone America/Chicago", "UADMIN", Now);
        var workspace = await _app.ScalarAsync<Guid>("select id from workspaces");
        // The schedule keeper registers the changed rhythm in the background, within moments.
        Hangfire.Storage.RecurringJobDto? job = null;
        for (var i = 0; i < 500 && job?.TimeZoneId != "America/Chicago"; i++)
        {
            await Task.Delay(20);
            using var connection = _app.Services.GetRequiredService<Hangfire.JobStorage>().GetConnection();
            job = Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection).SingleOrDefault(j => j.Id == PulseSchedule.JobId(workspace));
        }

        Assert.NotNull(job);
        Assert.Equal("0 14 * * 5", job.Cron);
        Assert.Equal("America/Chicago", job.TimeZoneId);

        // The schedule counts its fortnights from this week: next week is off, the week after is on.
        var job2 = _app.Services.GetRequiredService<PulseJob>();
        _clock.Advance(TimeSpan.FromDays(7));
        await job2.RunScheduledAsync(workspace, CancellationToken.None);
        Assert.Equal(0L, await _app.ScalarAsync<long>("select count(*) from pulses"));
        _clock.Advance(TimeSpan.FromDays(7));
        await job2.RunScheduledAsync(workspace, CancellationToken.None);
        await job2.RunScheduledAsync(workspace, CancellationToken.None);
        Assert.Equal(1L, await _app.ScalarAsync<long>("select count(*) from pulses"));
        Assert.Equal(1L, await _app.ScalarAsync<long>("select count(*) from outbox where purpose = 'pulse invite'"));
    }
}
