using System.Text.RegularExpressions;
using PeerBot.Bot.Tests.Infrastructure;
using PeerBot.Scheduler.CheckIns;
using PeerBot.Scheduler.Delivery;
using PeerBot.Scheduler.Persistence;
using PeerBot.Scheduler.Rounds;

namespace PeerBot.Bot.Tests.Scheduler;

/// <summary>The one mapping from state enums to stored text agrees with what the migrated database accepts, both ways.</summary>
public sealed partial class StateTextTests
{
    [Fact]
    public async Task EveryStateEnum_MapsOneToOne_OntoTheValuesItsColumnAccepts()
    {
        await using var app = await PeerBotApp.StartAsync();
        Assert.Equal(await AcceptedAsync(app, "pairings", "status"), Names<PairingStatus>());
        Assert.Equal(await AcceptedAsync(app, "outbox", "state"), Names<OutboxState>());
        Assert.Equal(await AcceptedAsync(app, "checkins", "answer"), Names<CheckInAnswer>());
        Assert.Equal(await AcceptedAsync(app, "ask_questions", "state"), Names<PeerBot.Scheduler.Ask.AskState>());
        Assert.Equal(await AcceptedAsync(app, "ask_offers", "state"), Names<PeerBot.Scheduler.Ask.OfferState>());
        Assert.Equal(await AcceptedAsync(app, "workspaces", "schedules"), Names<PeerBot.Scheduler.Schedules.ScheduleState>());
        Assert.Equal(CheckInAnswer.NotYet, StateText.Parse<CheckInAnswer>("not_yet"));
        Assert.Throws<InvalidDataException>(() => StateText.Parse<PairingStatus>("Active"));
    }

    private static string[] Names<T>() where T : struct, Enum => [.. StateText.Of(Enum.GetValues<T>()).Order(StringComparer.Ordinal)];

    private static async Task<string[]> AcceptedAsync(PeerBotApp app, string table, string column)
    {
        var check = await app.ScalarAsync<string>("""
            select string_agg(pg_get_constraintdef(c.oid), ' ') from pg_constraint c
            where c.conrelid = $1::regclass and c.contype = 'c' and pg_get_constraintdef(c.oid) like '%' || $2 || '%'
            """, table, column);
        return [.. Quoted().Matches(check ?? "").Select(m => m.Groups[1].Value).Distinct().Order(StringComparer.Ordinal)];
    }

    [GeneratedRegex(@"'([a-z_]+)'::text")]
    private static partial Regex Quoted();
}
