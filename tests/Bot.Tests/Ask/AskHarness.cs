using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PeerBot.Bot.Tests.Infrastructure;
using PeerBot.Bot.Tests.Infrastructure.Driver;
using PeerBot.Bot.Tests.Scheduler;
using PeerBot.Bot.Tests.Teams;
using PeerBot.Scheduler.Ask;
using PeerBot.Scheduler.Delivery;

namespace PeerBot.Bot.Tests.Ask;

/// <summary>A bot with Slack and Teams on a fake clock, and the ask feature's teachers, jobs and database reader's view.</summary>
public sealed class AskBot : IAsyncDisposable
{
    public const string Admin = "UADMIN";

    // Tuesday 3 March 2026, 15:00 in Chicago: inside the default after-class window.
    public static readonly DateTimeOffset TuesdayAfterClass = new(2026, 3, 3, 21, 0, 0, TimeSpan.Zero);

    private AskBot(FakeTimeProvider clock, FakeBotFramework bf, PeerBotApp app) => (Clock, BotFramework, App) = (clock, bf, app);

    public FakeTimeProvider Clock { get; }

    public FakeBotFramework BotFramework { get; }

    public PeerBotApp App { get; }

    public static async Task<AskBot> StartAsync(DateTimeOffset? at = null, Dictionary<string, string?>? extra = null)
    {
        var clock = new FakeTimeProvider((at ?? TuesdayAfterClass).ToUniversalTime());
        // A fake clock never moves on by itself: no pacing waits that only time could end.
        var settings = new Dictionary<string, string?>
        {
            ["PeerBot:Admins"] = Admin, ["PeerBot:Outbox:ChannelInterval"] = "00:00:00", ["PeerBot:Outbox:WorkspaceMessagesPerSecond"] = "0",
        };
        foreach (var (k, v) in extra ?? [])
        {
            settings[k] = v;
        }

        var (bf, app) = await TeamsApp.StartAsync(settings, services => services.AddSingleton<TimeProvider>(clock));
        return new AskBot(clock, bf, app);
    }

    /// <summary>The same teacher on either platform, acting at the fake clock's time.</summary>
    public Teacher Teacher(string platform, string user, string name = "Ana Ruiz")
    {
        Teacher t = platform switch
        {
            "slack" => App.SlackTeacher(user),
            "teams" => App.TeamsTeacher(BotFramework, "29:" + user, name),
            _ => throw new ArgumentOutOfRangeException(nameof(platform), platform, "slack or teams"),
        };
        t.Clock = () => Clock.GetUtcNow();
        return t;
    }

    public async Task<Teacher> JoinAsync(string platform, string user, string name, string profile)
    {
        var t = Teacher(platform, user, name);
        Assert.Contains("Welcome", (await t.TypeAsync($"join role:peer {profile} tz:America/Chicago name:{name}")).Text, StringComparison.Ordinal);
        return t;
    }

    /// <summary>Moves the clock and lets the outbox send what became due (a fake clock never ends its idle wait by itself).</summary>
    public async Task AdvanceToAsync(DateTimeOffset at)
    {
        Clock.SetUtcNow(at.ToUniversalTime());
        await DeliveredAsync();
    }

    /// <summary>Wakes the outbox until nothing due is left pending (rows still waiting for after-class hours stay).</summary>
    public async Task DeliveredAsync()
    {
        var outbox = App.Services.GetRequiredService<Outbox>();
        for (var i = 0; i < 400; i++)
        {
            outbox.Wake();
            if (await App.ScalarAsync<long>("select count(*) from outbox where (state = 'pending' and next_attempt_at <= $1) or state = 'sending'", Clock.GetUtcNow()) == 0)
            {
                return;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"The outbox did not drain:{Environment.NewLine}{App.Logs}");
    }

    public async Task<Guid> OnlyQuestionAsync() => await App.ScalarAsync<Guid>("select id from ask_questions order by asked_at desc limit 1");

    /// <summary>When the question's next routing step is due, as its job intent says.</summary>
    public async Task<DateTimeOffset> StepDueAsync(Guid question, int stage) =>
        new(await App.ScalarAsync<DateTime>("select run_at from job_intents where intent_key = $1", $"{AskStore.DeliveryKeyPrefix(question)}step:{stage}"), TimeSpan.Zero);

    public async Task RunStepAsync(Guid question, int stage) =>
        await ActivatorUtilities.CreateInstance<AskFollowUpJob>(App.Services).RunAsync(question, stage, CancellationToken.None);

    public async Task CloseAsync(Guid question) =>
        await ActivatorUtilities.CreateInstance<AskCloseJob>(App.Services).RunAsync(question, CancellationToken.None);

    /// <summary>What a database reader finds: the tables (public and Hangfire's) with a row whose text contains any of <paramref name="needles"/>.</summary>
    public async Task<IReadOnlyList<string>> TablesMentioningAsync(params string[] needles)
    {
        var tables = new List<string>();
        await using var conn = new Npgsql.NpgsqlConnection(App.ConnectionString);
        await conn.OpenAsync();
        var names = new List<string>();
        await using (var list = new Npgsql.NpgsqlCommand("select table_schema || '.' || table_name from information_schema.tables where table_schema in ('public', 'hangfire') and table_type = 'BASE TABLE'", conn))
        await using (var r = await list.ExecuteReaderAsync())
        {
            while (await r.ReadAsync())
            {
                names.Add(r.GetString(0));
            }
        }

        foreach (var name in names)
        {
            await using var cmd = new Npgsql.NpgsqlCommand($"select count(*) from {name} t where t::text ilike any($1)", conn);
            cmd.Parameters.Add(new() { Value = needles.Select(n => $"%{n}%").ToArray() });
            if ((long)(await cmd.ExecuteScalarAsync())! > 0)
            {
                tables.Add(name);
            }
        }

        return tables;
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await BotFramework.DisposeAsync();
    }
}
