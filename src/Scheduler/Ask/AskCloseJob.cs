using Hangfire;
using PeerBot.Scheduler.Persistence;

namespace PeerBot.Scheduler.Ask;

/// <summary>Closes a question when its relay time is over: from then on nothing in the database says who asked it (see <see cref="AskStore.CloseAsync"/>).</summary>
public sealed class AskCloseJob(UnitOfWorkSource units, AskStore questions, TimeProvider clock) : IDueSweep
{
    [AutomaticRetry(Attempts = 5)]
    public async Task RunAsync(Guid questionId, CancellationToken ct)
    {
        await using var work = await units.BeginAsync(ct);
        await AskStore.CloseAsync(work, questionId, ct);
        await work.CommitAsync(ct);
    }

    /// <summary>Closes every open question past its time (a close job lost with Hangfire's storage); returns how many.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var closed = 0;
        foreach (var id in await questions.DueToCloseAsync(clock.GetUtcNow(), ct))
        {
            await using var work = await units.BeginAsync(ct);
            closed += await AskStore.CloseAsync(work, id, ct) ? 1 : 0;
            await work.CommitAsync(ct);
        }

        return closed;
    }
}
