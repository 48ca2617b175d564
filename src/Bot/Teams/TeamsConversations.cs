using Npgsql;

namespace PeerBot.Bot.Teams;

/// <summary>
/// Conversation references: where PeerBot can reach each chat it is in (serviceUrl + conversation id),
/// refreshed from every authenticated activity so that proactive messages go where Teams last said.
/// </summary>
public sealed class TeamsConversations(NpgsqlDataSource db)
{
    public async Task SaveAsync(Guid workspaceId, TeamsActivity activity, CancellationToken ct)
    {
        var personal = activity.IsPersonal;
        await using var batch = db.CreateBatch();
        if (personal)
        {
            // A person has one 1:1 chat with the bot; a new id (reinstall) replaces the old one.
            batch.BatchCommands.Add(BatchCommand(
                "delete from teams_conversations where workspace_id = $1 and user_id = $2 and conversation_type = 'personal' and conversation_id <> $3",
                workspaceId, activity.From.Id, activity.ConversationId));
        }

        batch.BatchCommands.Add(BatchCommand("""
            insert into teams_conversations (workspace_id, conversation_id, conversation_type, service_url, bot_id, user_id, user_name, time_zone, user_aad_id, member_id)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9,
                    (select id from members where workspace_id = $1 and external_user_id = $6))
            on conflict (workspace_id, conversation_id) do update set
                service_url = excluded.service_url, bot_id = excluded.bot_id,
                user_name = coalesce(nullif(excluded.user_name, ''), teams_conversations.user_name),
                time_zone = coalesce(excluded.time_zone, teams_conversations.time_zone),
                user_aad_id = coalesce(excluded.user_aad_id, teams_conversations.user_aad_id),
                member_id = coalesce(excluded.member_id, teams_conversations.member_id),
                updated_at = now()
            """,
            workspaceId, activity.ConversationId, activity.ConversationType, activity.ServiceUrl, activity.Recipient.Id,
            personal ? activity.From.Id : null, personal ? activity.From.Name : null, personal ? activity.TimeZone : null,
            personal ? activity.From.AadObjectId : null));
        if (activity.From.Name is { Length: > 0 } name && name != activity.From.Id)
        {
            // Teams names the sender on every activity: a member who did not type a name of their own is called by it (written only when it changed).
            batch.BatchCommands.Add(BatchCommand(
                "update members set display_name = $3, updated_at = now() where workspace_id = $1 and external_user_id = $2 and not name_given and display_name <> $3",
                workspaceId, activity.From.Id, name.Length > 80 ? name[..80] : name));
        }

        await batch.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Records a person's 1:1 chat that PeerBot opened itself.</summary>
    public async Task SavePersonalAsync(Guid workspaceId, ConversationReference reference, CancellationToken ct)
    {
        await using var cmd = Command("""
            insert into teams_conversations (workspace_id, conversation_id, conversation_type, service_url, bot_id, user_id, user_name, member_id)
            values ($1, $2, 'personal', $3, $4, $5, $6, (select id from members where workspace_id = $1 and external_user_id = $5))
            on conflict (workspace_id, conversation_id) do update set service_url = excluded.service_url, updated_at = now()
            """, workspaceId, reference.ConversationId, reference.ServiceUrl, reference.BotId, reference.UserId, reference.UserName);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task<ConversationReference?> FindPersonalAsync(Guid workspaceId, string userId, CancellationToken ct)
    {
        await using var cmd = Command("""
            select conversation_id, service_url, bot_id, user_id, user_name, time_zone, user_aad_id from teams_conversations
            where workspace_id = $1 and user_id = $2 and conversation_type = 'personal'
            """, workspaceId, userId);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct)
            ? new ConversationReference(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5),
                r.IsDBNull(6) ? null : r.GetString(6))
            : null;
    }

    /// <summary>Where the tenant was last heard from (any chat): the serviceUrl and bot id to open a new 1:1 chat with.</summary>
    public async Task<(string ServiceUrl, string BotId)?> LatestEndpointAsync(Guid workspaceId, CancellationToken ct)
    {
        await using var cmd = Command("select service_url, bot_id from teams_conversations where workspace_id = $1 order by updated_at desc limit 1", workspaceId);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? (r.GetString(0), r.GetString(1)) : null;
    }

    /// <summary>Forgets a conversation PeerBot was removed from (with its channel threads); returns how many conversations of the tenant remain.</summary>
    public async Task<int> ForgetAsync(Guid workspaceId, string conversationId, CancellationToken ct)
    {
        var channel = conversationId.Split(";messageid=")[0];
        await using var cmd = Command("""
            with gone as (delete from teams_conversations where workspace_id = $1 and (conversation_id = $2 or starts_with(conversation_id, $2 || ';')) returning 1)
            select (count(*) - (select count(*) from gone))::int from teams_conversations where workspace_id = $1
            """, workspaceId, channel);
        return (int)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>True the first time only: the welcome goes out once per 1:1 chat, however often Teams repeats the install event.</summary>
    public async Task<bool> ClaimWelcomeAsync(Guid workspaceId, string conversationId, CancellationToken ct)
    {
        await using var cmd = Command(
            "update teams_conversations set welcomed_at = now() where workspace_id = $1 and conversation_id = $2 and welcomed_at is null",
            workspaceId, conversationId);
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    private static NpgsqlBatchCommand BatchCommand(string sql, params object?[] args)
    {
        var cmd = new NpgsqlBatchCommand(sql);
        foreach (var a in args)
        {
            cmd.Parameters.Add(Parameter(a));
        }

        return cmd;
    }

    private NpgsqlCommand Command(string sql, params object?[] args)
    {
        var cmd = db.CreateCommand(sql);
        foreach (var a in args)
        {
            cmd.Parameters.Add(Parameter(a));
        }

        return cmd;
    }

    // Nulls here are always text columns; saying so spares PostgreSQL from guessing.
    private static NpgsqlParameter Parameter(object? value) =>
        value is null ? new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text } : new NpgsqlParameter { Value = value };
}
