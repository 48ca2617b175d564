using Npgsql;

namespace PeerBot.Bot.Slack.SocketMode;

/// <summary>
/// The Socket Mode envelopes (slash commands, interactions) PeerBot took, in PostgreSQL so every connected instance
/// shares it: an envelope is claimed for <see cref="Lease"/> while one instance runs it, and handled once its handler
/// finished. A failed run releases it, so Slack's next delivery runs it again.
/// </summary>
public sealed class SocketEnvelopeLog(NpgsqlDataSource db)
{
    /// <summary>How long one run may hold an envelope before another instance may take Slack's retry of it.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    public async Task<EnvelopeClaim> TryClaimAsync(string envelopeId, string envelopeType, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            with taken as (
                insert into slack_socket_envelopes (envelope_id, envelope_type, claimed_until) values ($1, $2, now() + $3)
                on conflict (envelope_id) do update set claimed_until = now() + $3
                where slack_socket_envelopes.handled_at is null
                  and (slack_socket_envelopes.claimed_until is null or slack_socket_envelopes.claimed_until < now())
                returning 1)
            select case when exists (select 1 from taken) then 0
                        when exists (select 1 from slack_socket_envelopes where envelope_id = $1 and handled_at is not null) then 1
                        else 2 end
            """);
        cmd.Parameters.Add(new() { Value = envelopeId });
        cmd.Parameters.Add(new() { Value = envelopeType });
        cmd.Parameters.Add(new() { Value = Lease });
        return (EnvelopeClaim)(int)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>The handler finished: any later delivery of this envelope is a duplicate.</summary>
    public async Task DoneAsync(string envelopeId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("update slack_socket_envelopes set handled_at = now(), claimed_until = null where envelope_id = $1");
        cmd.Parameters.Add(new() { Value = envelopeId });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The handler failed: the next delivery (on any instance) runs it again.</summary>
    public async Task ReleaseAsync(string envelopeId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("update slack_socket_envelopes set claimed_until = null where envelope_id = $1 and handled_at is null");
        cmd.Parameters.Add(new() { Value = envelopeId });
        await cmd.ExecuteNonQueryAsync(ct);
    }
}

/// <summary>What <see cref="SocketEnvelopeLog.TryClaimAsync"/> found.</summary>
public enum EnvelopeClaim
{
    /// <summary>This instance runs it now.</summary>
    Ours = 0,

    /// <summary>Handled already (here or elsewhere): acknowledge, do nothing.</summary>
    Done = 1,

    /// <summary>Another instance is running it right now: leave it unacknowledged, so Slack asks again if that run fails.</summary>
    Elsewhere = 2,
}
