using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;
using PeerBot.Bot.Tests.Infrastructure;
using PeerBot.Scheduler.CheckIns;
using PeerBot.Scheduler.Pulse;
using PeerBot.Scheduler.Rounds;

namespace PeerBot.Bot.Tests.Scheduler;

/// <summary>
/// One way to change state: a decision and everything it implies (state, messages, jobs) commit together or not at all.
/// Failures are injected by the real database (a trigger refusing a row written after the decision), so nothing in the
/// bot knows it is under test; jobs are read back from Hangfire's own tables.
/// </summary>
public sealed class UnitOfWorkTests : IAsyncLifetime
{
    private const string Admin = "UADMIN";
    private PeerBotApp _app = null!;

    public async Task InitializeAsync() => _app = await PeerBotApp.StartAsync(Settings());

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private static Dictionary<string, string?> Settings() => new()
    {
        ["PeerBot:Admins"] = Admin,
        ["PeerBot:Outbox:PollInterval"] = "00:00:00.100",
        ["PeerBot:JobRelay:RetryInterval"] = "00:00:00.200",
    };

    private async Task JoinAsync(string user, string fields) =>
        Assert.DoesNotContain("isn't", await _app.ReplyAsync($"join {fields} tz:America/Chicago", user), StringComparison.Ordinal);

    /// <summary>The database refuses rows of <paramref name="table"/> matching <paramref name="when"/>, as a full disk or a broken constraint would.</summary>
    private Task RefuseAsync(string table, string when) => _app.ScalarAsync<int>($"""
        create or replace function test_refuse() returns trigger language plpgsql as $$ begin raise exception 'injected: % refused', tg_table_name; end $$;
        create trigger test_refuse_{table} before insert on {table} for each row when ({when}) execute function test_refuse();
        """);

    private Task AllowAsync(string table) => _app.ScalarAsync<int>($"drop trigger test_refuse_{table} on {table}");

    private Task<long> CountAsync(string sql) => _app.ScalarAsync<long>(sql);

    private async Task<PostedMessage> ProposalToMentorAsync(string mentee, string mentor)
    {
        await JoinAsync(mentee, "role:mentee subjects:math grades:6-8 years:1 focus:classroom-management");
        await JoinAsync(mentor, $"role:mentor subjects:math grades:6-8 years:12 capacity:1 focus:classroom-management");
        Assert.Contains("1 mentor proposal", await _app.ReplyAsync("admin round now", Admin), StringComparison.Ordinal);
        await _app.DrainedAsync();
        return Assert.Single(_app.Slack.MessagesIn("D" + mentor));
    }

    [Fact]
    public async Task MentorSaysYes_WhenTheIntroductionCannotBeQueued_ThePairStaysProposedAndNobodyHearsAnything_AndTheNextYesIntroducesThemOnce()
    {
        var proposal = await ProposalToMentorAsync("U1", "U2");
        var accept = ChatHarness.ButtonValue(proposal, Introductions.AcceptAction);
        var pair = FakeSlack.ChannelFor(["U1", "U2"]);

        await RefuseAsync("outbox", "new.purpose = 'introduction'");
        Assert.Contains("something went wrong", await _app.ClickAsync("U2", Introductions.AcceptAction, accept), StringComparison.Ordinal);
        await _app.DrainedAsync();
        Assert.Equal("proposed", await _app.ScalarAsync<string>("select status from pairings"));
        Assert.Null(await _app.ScalarAsync<DateTime?>("select accepted_at from pairings"));
        Assert.Equal(0L, await CountAsync("select count(*) from outbox where purpose = 'introduction'"));
        Assert.Empty(_app.Slack.MessagesIn(pair));

        // The mentor tries again once the database takes rows again: the pair is active and introduced, once.
        await AllowAsync("outbox");
        Assert.Contains("introduced you", await _app.ClickAsync("U2", Introductions.AcceptAction, accept), StringComparison.Ordinal);
        Assert.Contains("already answered", await _app.ClickAsync("U2", Introductions.AcceptAction, accept), StringComparison.Ordinal);
        await _app.DrainedAsync();
        Assert.Equal("active", await _app.ScalarAsync<string>("select status from pairings"));
        Assert.Contains("Why you:", Assert.Single(_app.Slack.MessagesIn(pair)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RoundNow_WhenOneIntroductionCannotBeQueued_PairsNobodyAndSendsNothing_AndTheNextRoundNowRunsWhole()
    {
        foreach (var user in new[] { "P1", "P2", "P3", "P4" })
        {
            await JoinAsync(user, "role:peer subjects:history grades:9-12 years:5 focus:project-based-learning");
        }

        await _app.ReplyAsync("admin pods 2", Admin);
        await RefuseAsync("outbox", "new.purpose = 'introduction' and new.channel_key like '%P4%'");
        Assert.Contains("something went wrong", await _app.ReplyAsync("admin round now", Admin), StringComparison.Ordinal);
        await _app.DrainedAsync();
        Assert.Equal(0L, await CountAsync("select count(*) from pairing_rounds"));
        Assert.Equal(0L, await CountAsync("select count(*) from pairings"));
        Assert.Equal(0L, await CountAsync("select count(*) from outbox"));
        Assert.DoesNotContain(_app.Slack.Posted, p => p.Text.Contains("Meet your pack", StringComparison.Ordinal));

        await AllowAsync("outbox");
        Assert.Contains("2 pods introduced", await _app.ReplyAsync("admin round now", Admin), StringComparison.Ordinal);
        await _app.DrainedAsync();
        Assert.Equal(2, _app.Slack.Posted.Count(p => p.Text.Contains("Meet your pack", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("outbox", "new.purpose = 'pulse invite' and new.recipients[1] = 'UBEN'")]
    [InlineData("job_intents", "new.intent_key like '%:close'")]
    public async Task PulseNow_WhenAnInvitationOrItsClosingJobCannotBeRecorded_OpensNoPulse_AsksNobody_AndSchedulesNothing(string table, string when)
    {
        await JoinAsync("UANA", "role:peer subjects:math grades:6-8");
        await JoinAsync("UBEN", "role:peer subjects:math grades:6-8");

        await RefuseAsync(table, when);
        Assert.Contains("something went wrong", await _app.ReplyAsync("admin pulse now", Admin), StringComparison.Ordinal);
        await _app.DrainedAsync();
        Assert.Equal(0L, await CountAsync("select count(*) from pulses"));
        Assert.Equal(0L, await CountAsync("select count(*) from pulse_participation"));
        Assert.Equal(0L, await CountAsync("select count(*) from outbox"));
        Assert.Equal(0L, await CountAsync("select count(*) from job_intents"));
        Assert.Equal(0L, await CountAsync("select count(*) from hangfire.job where invocationdata::text like '%PulseJob%'"));
        Assert.Empty(_app.Slack.MessagesIn("DUANA"));

        // A pulse is not half open: once the database takes rows again, "pulse now" opens it whole.
        await AllowAsync(table);
        Assert.Contains("2 members asked", await _app.ReplyAsync("admin pulse now", Admin), StringComparison.Ordinal);
        await _app.DrainedAsync();
        Assert.Single(_app.Slack.MessagesIn("DUANA"));
        Assert.Single(_app.Slack.MessagesIn("DUBEN"));
        // Handed over right after the commit (by this request, or by the relay's loop if it held one of them at that moment).
        await WaitUntilAsync(_app, "select count(*) = 2 from hangfire.job where invocationdata::text like '%PulseJob%' and statename = 'Scheduled'");
        Assert.Equal(0L, await CountAsync("select count(*) from job_intents where scheduled_at is null"));
    }

    [Fact]
    public async Task PulseNow_WhenTheBotDiesRightAfterTheCommit_BeforeHangfireHasTheJobs_TheNextInstanceSchedulesTheReminderAndClose()
    {
        var dying = await PeerBotApp.StartAsync(Settings(), s =>
            s.AddSingleton<IBackgroundJobClient>(sp => new RefusingJobClient(new BackgroundJobClient(sp.GetRequiredService<JobStorage>()))));
        try
        {
            await dying.ReplyAsync("join role:peer subjects:math grades:6-8 tz:America/Chicago", "UANA");
            Assert.Contains("1 member asked", await dying.ReplyAsync("admin pulse now", Admin), StringComparison.Ordinal);

            // The decision is whole: the invitation goes out, the jobs wait durably for Hangfire.
            await dying.DrainedAsync();
            Assert.Single(dying.Slack.MessagesIn("DUANA"));
            Assert.Equal(2L, await dying.ScalarAsync<long>("select count(*) from job_intents where scheduled_at is null"));
            Assert.Equal(0L, await dying.ScalarAsync<long>("select count(*) from hangfire.job where invocationdata::text like '%PulseJob%'"));
            Assert.Contains(dying.Logs.Lines, l => l.Contains("could not be scheduled", StringComparison.Ordinal));
        }
        finally
        {
            await dying.DisposeAsync();
        }

        await using var next = await PeerBotApp.StartAsync(Settings(), connectionString: dying.ConnectionString);
        await WaitUntilAsync(next, "select count(*) = 0 from job_intents where scheduled_at is null");
        Assert.Equal(1L, await next.ScalarAsync<long>("select count(*) from hangfire.job where invocationdata::text like '%RemindAsync%' and statename = 'Scheduled'"));
        Assert.Equal(1L, await next.ScalarAsync<long>("select count(*) from hangfire.job where invocationdata::text like '%CloseAsync%' and statename = 'Scheduled'"));
        // Hangfire runs the close at the pulse's closing time: about five days from now, by the app's clock.
        var closeIn = await next.ScalarAsync<double>("""
            select (s.data::jsonb ->> 'EnqueueAt')::float8 / 1000 - extract(epoch from now())::float8
            from hangfire.job j join hangfire.state s on s.id = j.stateid where j.invocationdata::text like '%CloseAsync%'
            """);
        Assert.InRange(TimeSpan.FromSeconds(closeIn), PulseJob.OpenFor - TimeSpan.FromMinutes(5), PulseJob.OpenFor);
        // The invitation went out once, before the crash: the next instance sends nothing again.
        await next.DrainedAsync();
        Assert.Empty(next.Slack.MessagesIn("DUANA"));
    }

    [Fact]
    public async Task CheckInNudge_WhenItsReminderCannotBeRecorded_SendsNoNudge_AndTheRetriedJobSendsNudgeAndSchedulesTheReminderTogether()
    {
        var proposal = await ProposalToMentorAsync("U7", "U8");
        await _app.ClickAsync("U8", Introductions.AcceptAction, ChatHarness.ButtonValue(proposal, Introductions.AcceptAction));
        await _app.DrainedAsync();
        var workspace = await _app.WorkspaceAsync();
        var job = ActivatorUtilities.CreateInstance<CheckInNudgeJob>(_app.Services);

        await RefuseAsync("job_intents", "new.intent_key like 'checkin-reminder:%'");
        await Assert.ThrowsAnyAsync<Exception>(() => job.RunScheduledAsync(workspace.Id, CancellationToken.None));
        Assert.Equal(0L, await CountAsync("select count(*) from outbox where purpose in ('check-in', 're-plan prompt')"));

        await AllowAsync("job_intents");
        await job.RunScheduledAsync(workspace.Id, CancellationToken.None);
        Assert.Equal(1L, await CountAsync("select count(*) from outbox where purpose = 'check-in'"));
        await WaitUntilAsync(_app, "select count(*) = 1 from hangfire.job where invocationdata::text like '%CheckInNudgeJob%' and invocationdata::text like '%RemindAsync%' and statename = 'Scheduled'");
    }

    private static async Task WaitUntilAsync(PeerBotApp app, string sql)
    {
        for (var i = 0; i < 600; i++)
        {
            if (await app.ScalarAsync<bool?>(sql) == true)
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Never true: {sql}{Environment.NewLine}{app.Logs}");
    }

    /// <summary>Hangfire's storage gone for pulse jobs, as when the bot dies between the commit and the hand-over.</summary>
    private sealed class RefusingJobClient(IBackgroundJobClient inner) : IBackgroundJobClient
    {
        public string Create(Job job, IState state) => job.Type == typeof(PulseJob)
            ? throw new InvalidOperationException("job storage went away")
            : inner.Create(job, state);

        public bool ChangeState(string jobId, IState state, string expectedState) => inner.ChangeState(jobId, state, expectedState);
    }
}
