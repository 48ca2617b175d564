using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PeerBot.Bot.Tests.Infrastructure;
using PeerBot.Bot.Tests.Infrastructure.Driver;
using PeerBot.Bot.Tests.Scheduler;
using PeerBot.Bot.Tests.Teams;
using PeerBot.Scheduler.Rounds;
using PeerBot.Scheduler.Schedules;

namespace PeerBot.Bot.Tests.Thanks;

/// <summary>
/// One bot that speaks Slack and Teams (a fake Bot Framework beside the fake Slack), on a clock held at Monday 7 December
/// 2026, 15:30 in Chicago — a round day, after class. Its teachers join, and Monday's round puts them in pods.
/// </summary>
internal sealed class PodRig : IAsyncDisposable
{
    public static readonly DateTimeOffset MondayAfterClass = new(2026, 12, 7, 21, 30, 0, TimeSpan.Zero);
    public const string Fields = "role:peer subjects:math grades:6-8 years:3 focus:assessment school:\"Lincoln MS\" tz:America/Chicago";

    private PodRig(string platform, FakeTimeProvider clock, FakeBotFramework bf, PeerBotApp app) => (Platform, Clock, Bf, App) = (platform, clock, bf, app);

    /// <summary>"slack" or "teams": the platform <see cref="Person"/> speaks.</summary>
    public string Platform { get; }

    public FakeTimeProvider Clock { get; }

    public FakeBotFramework Bf { get; }

    public PeerBotApp App { get; }

    /// <param name="settings">More settings for the bot (the outbox already polls every 100 ms).</param>
    public static async Task<PodRig> StartAsync(string platform, Dictionary<string, string?>? settings = null)
    {
        var clock = new FakeTimeProvider(MondayAfterClass);
        var all = new Dictionary<string, string?> { ["PeerBot:Outbox:PollInterval"] = "00:00:00.100" };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        var (bf, app) = await TeamsApp.StartAsync(all, s => s.AddSingleton<TimeProvider>(clock));
        return new PodRig(platform, clock, bf, app);
    }

    /// <summary>A teacher on this rig's platform, named <paramref name="name"/> there, living on the rig's clock.</summary>
    public Teacher Person(string id, string name)
    {
        Teacher t;
        if (Platform == "slack")
        {
            App.Slack.Names[id] = (name, name);
            t = App.SlackTeacher(id, userName: name.Split(' ')[0].ToLowerInvariant());
        }
        else
        {
            t = App.TeamsTeacher(Bf, "29:" + id, name);
        }

        t.Clock = Clock.GetUtcNow;
        return t;
    }

    /// <summary>Ana Ruiz, Ben Ode and Cleo Park (ids <paramref name="idPrefix"/>1–3) join, and Monday's round makes them one pod.</summary>
    public async Task<(Teacher Ana, Teacher Ben, Teacher Cleo)> PodOfThreeAsync(string idPrefix)
    {
        var (ana, ben, cleo) = (Person(idPrefix + "1", "Ana Ruiz"), Person(idPrefix + "2", "Ben Ode"), Person(idPrefix + "3", "Cleo Park"));
        await PodsOfAsync(3, ana, ben, cleo);
        return (ana, ben, cleo);
    }

    /// <summary>They join, and Monday's round puts them in pods of <paramref name="podSize"/>.</summary>
    public async Task PodsOfAsync(int podSize, params Teacher[] people)
    {
        foreach (var t in people)
        {
            Assert.Contains("Welcome to PeerBot", (await t.TypeAsync($"join {Fields}")).Text, StringComparison.Ordinal);
        }

        var workspace = await App.ScalarAsync<Guid>("select id from workspaces where platform = $1", Platform);
        var settings = App.Services.GetRequiredService<WorkspaceSettingsStore>();
        await settings.SetTimeZoneAsync(workspace, "America/Chicago", CancellationToken.None);
        await settings.SetPairingScheduleAsync(workspace, "0 8 * * 1", 1, new DateOnly(2026, 11, 30), CancellationToken.None);
        await settings.SetPodSizeAsync(workspace, podSize, CancellationToken.None);
        await ActivatorUtilities.CreateInstance<PairingRoundJob>(App.Services).RunScheduledAsync(workspace, CancellationToken.None);
        Assert.Equal((long)(people.Length / podSize), await App.ScalarAsync<long>("select count(*) from pairings where status = 'active'"));
        await App.DrainedAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Bf.DisposeAsync();
        await App.DisposeAsync();
    }
}
